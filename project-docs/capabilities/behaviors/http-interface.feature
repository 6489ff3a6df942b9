@capability:http-interface
Feature: The REST API over the same service
  As a tool or a script on another machine
  I want an authenticated HTTP API with an OpenAPI document
  So that I can do what the CLI does, with the same results and error codes

  Background:
    Given an initialized home folder
    And the HTTP API over that home folder, with tokens required and a 64 KiB body limit

  @behavior:MCP.HTTP.AUTH
  Scenario: The health check needs no token
    When I send GET "/health" without a token
    Then the response status is 200
    And the response has "status" equal to "ok"

  @behavior:MCP.HTTP.AUTH
  Scenario: An API request without a token is refused
    When I send GET "/v1/servers" without a token
    Then the response status is 401
    And the response error code is UNAUTHORIZED
    And the response header "WWW-Authenticate" is "Bearer"

  @behavior:MCP.HTTP.AUTH
  Scenario: A token that is not in the token store is refused
    Given a token created with the token store
    When I send GET "/v1/servers" with a made-up token
    Then the response status is 401
    And the response error code is UNAUTHORIZED

  @behavior:MCP.HTTP.AUTH
  Scenario: A token created with the token store is accepted, and stored only as a hash
    Given a token created with the token store
    When I send GET "/v1/servers" with the token
    Then the response status is 200
    And the token store does not hold the token itself

  @behavior:MCP.HTTP.OPERATIONS
  Scenario: Publish through the API, then read the head back
    Given a token created with the token store
    When I send POST "/v1/config/claude-desktop/default/draft/add" with the token and the body:
      """json
      { "server_id": "memory" }
      """
    Then the response status is 200
    And the response has "added" equal to "memory"
    When I send POST "/v1/config/claude-desktop/default/publish" with the token and the body:
      """json
      { "changelog": "published over HTTP" }
      """
    Then the response status is 201
    And the response has "status" equal to "published"
    And the response's "artifact_id" is the id of the profile head
    When I send GET "/v1/config/claude-desktop/default" with the token
    Then the response status is 200
    And the response's "artifact_id" is the id of the profile head
    And the response has "client_id" equal to "claude-desktop"

  @behavior:MCP.HTTP.ERRORS
  Scenario: A body that is not JSON is a 400 with the common error body
    Given a token created with the token store
    When I send POST "/v1/config/claude-desktop/default/draft/add" with the token and the body:
      """
      {"server_id": 
      """
    Then the response status is 400
    And the response error code is INVALID_INPUT
    And the response shows no stack trace

  @behavior:MCP.HTTP.ERRORS
  Scenario: A body over the size limit is a 413
    Given a token created with the token store
    When I send POST "/v1/config/claude-desktop/default/validate" with the token and a body of 100 KiB
    Then the response status is 413
    And the response error code is PAYLOAD_TOO_LARGE

  @behavior:MCP.HTTP.ERRORS
  Scenario: An operation's error code maps to its HTTP status
    Given a token created with the token store
    When I send GET "/v1/servers/no-such-server" with the token
    Then the response status is 404
    And the response error code is UNKNOWN_SERVER

  @behavior:MCP.HTTP.OPENAPI
  Scenario: The OpenAPI document describes the /v1 routes
    When I send GET "/openapi.json" without a token
    Then the response status is 200
    And the response has "openapi" equal to "3.1.0"
    And the OpenAPI document lists these routes:
      | GET    | /v1/clients                                  |
      | GET    | /v1/servers                                  |
      | GET    | /v1/config/{client_id}/{profile}             |
      | POST   | /v1/config/{client_id}/{profile}/draft/add   |
      | POST   | /v1/config/{client_id}/{profile}/validate    |
      | POST   | /v1/config/{client_id}/{profile}/publish     |
      | POST   | /v1/config/{client_id}/{profile}/deploy      |
      | POST   | /v1/config/{client_id}/{profile}/rollback    |
      | GET    | /v1/status                                   |
    And every route in the OpenAPI document is under /v1
