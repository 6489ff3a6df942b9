@capability:config-building
Feature: Building a configuration in a draft
  As someone preparing a configuration
  I want to add and remove servers in a draft per client and profile
  So that I can shape it freely before anything is signed

  Background:
    Given an initialized home folder

  @behavior:MCP.DRAFT.ADD
  Scenario: Add a registry server with a parameter
    When I add the registry server "filesystem" with param "path" set to "/srv/projects"
    Then the draft has 1 server
    And the draft entry "filesystem" is:
      """json
      { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem", "/srv/projects"] }
      """

  @behavior:MCP.DRAFT.ADD
  Scenario: Add the same registry server twice under different names
    Given the draft has the registry server "memory"
    When I add the registry server "memory" named "memory-work"
    Then the draft has 2 servers

  @behavior:MCP.DRAFT.DUPLICATE
  Scenario: A name can be used only once in a draft
    Given the draft has the registry server "memory"
    When I add the registry server "memory"
    Then the operation fails with DUPLICATE_SERVER
    And the draft has 1 server

  @behavior:MCP.DRAFT.UNKNOWN_PARAM
  Scenario: A parameter the server does not declare is refused
    When I add the registry server "memory" with param "path" set to "/tmp"
    Then the operation fails with INVALID_INPUT
    And the draft has 0 servers

  @behavior:MCP.DRAFT.UNKNOWN_SERVER
  Scenario: A server that is not in the registry is refused
    When I add the registry server "no-such-server"
    Then the operation fails with UNKNOWN_SERVER

  @behavior:MCP.DRAFT.ADD_CUSTOM
  Scenario: Add a custom stdio server and a custom remote server
    When I add the custom stdio server "tools" running "node" with args "./server.js"
    And I add the custom remote server "docs" at "https://example.com/mcp"
    Then the draft has 2 servers
    And the draft entry "docs" is:
      """json
      { "type": "http", "url": "https://example.com/mcp" }
      """

  @behavior:MCP.DRAFT.ADD_CUSTOM
  Scenario: A custom server needs a command or a url, not both
    When I add a custom server "odd" with command "node" and url "https://example.com/mcp"
    Then the operation fails with INVALID_INPUT
    When I add a custom server "empty" with neither command nor url
    Then the operation fails with MISSING_COMMAND

  @behavior:MCP.DRAFT.REMOVE
  Scenario: Remove a server from the draft
    Given the draft has the registry server "memory"
    And the draft has the registry server "time"
    When I remove "memory" from the draft
    Then the draft has 1 server
    When I remove "memory" from the draft
    Then the operation fails with SERVER_NOT_IN_DRAFT

  @behavior:MCP.DRAFT.CLEAR
  Scenario: Clear the draft
    Given the draft has the registry server "memory"
    When I clear the draft
    Then the draft has 0 servers

  @behavior:MCP.DRAFT.PROFILES
  Scenario: Each client and profile has its own draft
    Given the "work" profile draft has the registry server "memory"
    Then the draft has 0 servers
    And the "work" profile draft has 1 server

  @behavior:MCP.DRAFT.INVALID_ID
  Scenario: A profile id must be a safe id
    When I add the registry server "memory" to the "../escape" profile
    Then the operation fails with INVALID_ID

  @behavior:MCP.DRAFT.CLI
  Scenario: Edit the draft through the command line
    When I run the CLI "draft add filesystem --param path=/tmp"
    Then the CLI exits with 0
    And the CLI output contains "Added \"filesystem\" to the claude-desktop/default draft (1 server)."
    When I run the CLI "draft add filesystem --param path"
    Then the CLI exits with 2
