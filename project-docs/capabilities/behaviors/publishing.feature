@capability:publishing
Feature: Publishing a signed configuration
  As someone who has assembled a draft for a client profile
  I want to publish it as an immutable, signed artifact
  So that every copy of the configuration can be traced to one reviewed, verifiable version

  Background:
    Given an initialized home folder

  @behavior:MCP.PUBLISH.SUCCESS
  Scenario: Successfully publish valid configuration
    Given the draft has the registry server "memory"
    And the draft has the registry server "filesystem" with param "path" set to "/tmp"
    When I publish the draft with changelog "memory and filesystem"
    Then the publish succeeds
    And the artifact id is the SHA-256 of the canonical payload
    And the artifact is signed with the key of the home folder
    And the artifact metadata has changelog "memory and filesystem" and server_count 2
    And the artifact has no parent
    And the profile head is the published artifact
    And the profile history has 1 entry, the newest with changelog "memory and filesystem"

  @behavior:MCP.PUBLISH.REJECT_INVALID
  Scenario: Reject publishing invalid configuration
    When I publish this payload with changelog "broken remote server":
      """json
      { "mcpServers": { "docs": { "type": "http" } } }
      """
    Then the operation fails with MISSING_REQUIRED_FIELD
    And the error lists MISSING_REQUIRED_FIELD at "/mcpServers/docs/url"
    And no artifact was created

  @behavior:MCP.PUBLISH.REJECT_INVALID
  Scenario: Reject publishing a draft that lacks a required parameter
    Given the draft has the registry server "filesystem" without params
    When I publish the draft with changelog "filesystem without a path"
    Then the operation fails with MISSING_REQUIRED_PARAM
    And the error message names "path"
    And no artifact was created

  @behavior:MCP.PUBLISH.REJECT_EMPTY
  Scenario: Reject empty configuration
    Given the draft is empty
    When I publish the draft with changelog "nothing yet"
    Then the operation fails with EMPTY_CONFIG
    And no artifact was created

  @behavior:MCP.PUBLISH.NO_CHANGES
  Scenario: Publishing the payload of the current head changes nothing
    Given the draft has the registry server "memory"
    And the draft was published with changelog "first"
    When I publish the draft with changelog "the same again"
    Then the operation fails with NO_CHANGES
    And the profile history has 1 entry, the newest with changelog "first"

  @behavior:MCP.PUBLISH.HISTORY
  Scenario: A second publish records its parent and becomes the head
    Given the draft has the registry server "memory"
    And the draft was published with changelog "first"
    And the draft has the registry server "time"
    When I publish the draft with changelog "add time"
    Then the publish succeeds
    And the artifact's parent is the artifact published with changelog "first"
    And the profile history has 2 entries, the newest with changelog "add time"

  @behavior:MCP.PUBLISH.CONTENT_ADDRESSED
  Scenario: Identical payloads in two profiles get the same artifact id
    Given the "work" profile draft has the registry server "memory"
    And the "home" profile draft has the registry server "memory"
    When I publish the "work" and the "home" drafts
    Then both artifacts have the same id

  @behavior:MCP.PUBLISH.KEYS_REQUIRED
  Scenario: The first publish creates the signing key it needs
    Given a home folder without keys
    And the draft has the registry server "memory"
    When I publish the draft with changelog "first"
    Then the publish succeeds
    And the publish created the signing key it used

  @behavior:MCP.PUBLISH.CLI
  Scenario: Publish through the command line
    Given the draft has the registry server "memory"
    When I run the CLI "publish --changelog first --json"
    Then the CLI exits with 0
    And the CLI JSON has "status" equal to "published"
    And the CLI JSON field "artifact_id" is the id of the profile head
