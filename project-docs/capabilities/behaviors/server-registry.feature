@capability:server-registry
Feature: Server registry
  As someone building a configuration
  I want a catalog of MCP servers that says how each one runs and what it needs
  So that I add servers by id instead of copying commands by hand

  Background:
    Given an initialized home folder

  @behavior:MCP.REGISTRY.SEARCH
  Scenario: Search the catalog by text
    When I list registry servers matching "memory"
    Then the list includes "memory"
    And every listed server mentions "memory"

  @behavior:MCP.REGISTRY.FILTER
  Scenario: Filter the catalog by transport
    When I list registry servers with transport "http"
    Then the list includes "github"
    And every listed server has transport "http"

  @behavior:MCP.REGISTRY.DESCRIBE
  Scenario: Describe a server with a ready-to-run usage example
    When I describe the registry server "filesystem"
    Then the description has the required parameter "path"
    And the usage example is "mcp-orchestration draft add filesystem --param path=/Users/me/projects"

  @behavior:MCP.REGISTRY.UNKNOWN
  Scenario: An unknown server id suggests close matches
    When I describe the registry server "memroy"
    Then the operation fails with UNKNOWN_SERVER
    And the error message names "memory"

  @behavior:MCP.REGISTRY.INVALID_ID
  Scenario Outline: Ids that could reach outside the home folder are refused
    When I describe the registry server "<id>"
    Then the operation fails with INVALID_ID

    Examples:
      | id          |
      | ../etc      |
      | UPPER       |
      | a/b         |

  @behavior:MCP.REGISTRY.USER_ADD
  Scenario: Add a user server and use it in a draft
    When I add this user server:
      """json
      { "id": "acme-tools", "name": "Acme tools", "description": "Internal tools.",
        "transport": "stdio", "package": { "registry": "npm", "name": "@acme/tools" },
        "command": "npx", "args": ["-y", "@acme/tools"] }
      """
    Then the registry server "acme-tools" has source "user"
    And I can add "acme-tools" to the draft

  @behavior:MCP.REGISTRY.USER_DUPLICATE
  Scenario: Adding a user server twice is refused
    Given the user server "acme-tools" exists
    When I add the user server "acme-tools" again
    Then the operation fails with DUPLICATE_SERVER

  @behavior:MCP.REGISTRY.USER_INVALID
  Scenario: A user server definition without a command is refused
    When I add this user server:
      """json
      { "id": "broken", "name": "Broken", "description": "No command.",
        "transport": "stdio", "package": { "registry": "npm", "name": "broken" } }
      """
    Then the operation fails with VALIDATION_ERROR

  @behavior:MCP.REGISTRY.USER_REMOVE
  Scenario: Remove a user server, but never a built-in one
    Given the user server "acme-tools" exists
    When I remove the user server "acme-tools"
    Then the registry has no server "acme-tools"
    When I remove the user server "memory"
    Then the operation fails with INVALID_INPUT

  @behavior:MCP.REGISTRY.IMPORT
  Scenario: Import an MCP registry server.json
    When I import the server.json fixture "npm-weather.server.json"
    Then the registry server "weather-mcp" has source "user"
    And the registry server "weather-mcp" requires the env var "ACME_WEATHER_API_KEY"

  @behavior:MCP.REGISTRY.IMPORT
  Scenario: A malformed server.json is refused
    When I import the server.json fixture "malformed.server.json"
    Then the operation fails with VALIDATION_ERROR
