@capability:mcp-interface
Feature: Driving the orchestrator from an AI client over MCP
  As a model working in an AI client
  I want every operation as an MCP tool, the state as resources and guided workflows as prompts
  So that I can find, add, validate, publish and deploy servers without leaving the conversation

  Background:
    Given an MCP client connected in memory to the server over a fresh home folder

  @behavior:MCP.MCP.TOOLS
  Scenario: The tools of the contract are listed with their schemas
    When I list the MCP tools
    Then the tool list has these tools:
      | list_clients               |
      | list_profiles              |
      | get_config                 |
      | diff_config                |
      | list_available_servers     |
      | describe_server            |
      | add_server_to_config       |
      | remove_server_from_config  |
      | view_draft_config          |
      | clear_draft_config         |
      | validate_config            |
      | publish_config             |
      | deploy_config              |
      | initialize_keys            |
      | verify_config              |
      | get_history                |
      | rollback_config            |
      | deployment_status          |
      | import_client_config       |
    And every tool has an object input schema and an object output schema
    And the tool "add_server_to_config" requires "server_id"

  @behavior:MCP.MCP.RESULTS
  Scenario: Add, validate and publish through the tools alone
    When I call the tool "initialize_keys"
    Then the tool succeeds with "created" equal to true
    When I call the tool "add_server_to_config" with:
      """json
      { "server_id": "memory" }
      """
    Then the tool succeeds with "added" equal to "memory"
    And the tool result has a summary, and the same JSON as text and as structuredContent
    When I call the tool "validate_config"
    Then the tool succeeds with "valid" equal to true
    When I call the tool "publish_config" with:
      """json
      { "changelog": "published by a model" }
      """
    Then the tool succeeds with "status" equal to "published"
    And the tool result's "artifact_id" is the id of the profile head

  @behavior:MCP.MCP.RESULTS
  Scenario: Deploy through the tools into a client file
    Given the tools have published the registry server "memory"
    When I call the tool "deploy_config" with a path "claude_desktop_config.json" in the work folder
    Then the tool succeeds with "status" equal to "deployed"
    And the work folder file "claude_desktop_config.json" has the server "memory"
    When I call the tool "deployment_status" with:
      """json
      { "client_id": "claude-desktop" }
      """
    Then the tool result lists one entry in state "in-sync"

  @behavior:MCP.MCP.ERRORS
  Scenario: A failure is a result with isError and the error code
    When I call the tool "add_server_to_config" with:
      """json
      { "server_id": "filesystm" }
      """
    Then the tool fails with UNKNOWN_SERVER
    And the tool error text names "filesystem"

  @behavior:MCP.MCP.ERRORS
  Scenario: Input that breaks a tool's schema is refused with INVALID_INPUT
    When I call the tool "add_server_to_config" with:
      """json
      { "server_id": 42 }
      """
    Then the tool fails with INVALID_INPUT

  @behavior:MCP.MCP.RESOURCES
  Scenario: The registry is readable as a resource
    When I read the resource "server://registry"
    Then the resource is JSON with "count" above 10
    And the resource lists the server "memory"

  @behavior:MCP.MCP.RESOURCES
  Scenario: The published head is readable as a resource
    Given the tools have published the registry server "memory"
    When I read the resource "config://claude-desktop/default/latest"
    Then the resource's "artifact_id" is the id of the profile head

  @behavior:MCP.MCP.PROMPTS
  Scenario: The setup-client prompt walks through the workflow for one client
    When I get the prompt "setup-client" with:
      """json
      { "client_id": "cursor", "goal": "read my notes folder" }
      """
    Then the prompt text mentions "cursor"
    And the prompt text mentions "read my notes folder"
    And the prompt text mentions "list_available_servers"
    And the prompt text mentions "publish_config"
    And the prompt text mentions "deploy_config"
