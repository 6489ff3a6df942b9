@capability:diff
Feature: Comparing configurations
  As someone who keeps configurations in several places
  I want field-level differences between the published head and another config
  So that I know whether something is out of date or was changed by hand

  Background:
    Given an initialized home folder
    And the draft has the registry server "memory"
    And the draft has the registry server "filesystem" with param "path" set to "/tmp"
    And the draft was published with changelog "memory and filesystem"

  @behavior:MCP.DIFF.UP_TO_DATE
  Scenario: A config equal to the head is up to date
    When I compare the head with the published payload
    Then the diff status is "up-to-date"
    And the diff summary is 0 added, 0 removed, 0 modified, 2 unchanged

  @behavior:MCP.DIFF.OUTDATED
  Scenario: A config that lacks a server of the head is outdated
    When I compare the head with this payload:
      """json
      { "mcpServers": { "memory": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-memory"] } } }
      """
    Then the diff status is "outdated"
    And the diff shows "filesystem" as added

  @behavior:MCP.DIFF.DIVERGED
  Scenario: A config with a server the head lacks has diverged
    When I compare the head with the published payload plus a server "extra"
    Then the diff status is "diverged"
    And the diff shows "extra" as removed

  @behavior:MCP.DIFF.FIELDS
  Scenario: Changed fields are listed, secret values are not shown
    When I compare the head with this payload:
      """json
      { "mcpServers": {
          "memory": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-memory"], "env": { "API_TOKEN": "hunter2" } },
          "filesystem": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem", "/home"] } } }
      """
    Then the diff status is "outdated"
    And the diff shows field "args" of "filesystem" as changed
    And the diff shows field "env.API_TOKEN" of "memory" as removed and redacted

  @behavior:MCP.DIFF.ARTIFACTS
  Scenario: Compare the head with an earlier artifact
    Given the draft has the registry server "time"
    And the draft was published with changelog "add time"
    When I compare the head with the artifact published with changelog "memory and filesystem"
    Then the diff status is "outdated"
    And the diff shows "time" as added

  @behavior:MCP.DIFF.INVALID
  Scenario: An invalid config cannot be compared
    When I compare the head with this payload:
      """json
      { "mcpServers": { "a": { "args": ["x"] } } }
      """
    Then the operation fails with VALIDATION_ERROR

  @behavior:MCP.DIFF.NOTHING_PUBLISHED
  Scenario: There is nothing to compare before the first publish
    When I compare the head of the "empty" profile with the published payload
    Then the operation fails with PROFILE_NOT_FOUND

  @behavior:MCP.DIFF.EXIT_CODE
  Scenario: The CLI can fail a CI job when a config is out of date
    Given the file "old.json" holds:
      """json
      { "mcpServers": {} }
      """
    When I run the CLI "diff --file {old.json} --exit-code"
    Then the CLI exits with 1
    And the CLI output contains "outdated"
