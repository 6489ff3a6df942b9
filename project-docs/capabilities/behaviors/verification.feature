@capability:publishing
Feature: Verifying artifacts
  As someone about to trust a configuration
  I want to check that an artifact is exactly what was signed
  So that a changed payload, changed metadata or a foreign key is caught

  Background:
    Given an initialized home folder
    And the draft has the registry server "memory"
    And the draft was published with changelog "memory"

  @behavior:MCP.VERIFY.SUCCESS
  Scenario: Verify the profile head
    When I verify the profile head
    Then the verification succeeds with the key of the home folder

  @behavior:MCP.VERIFY.STANDARD_TOOLS
  Scenario: Anyone with the public key can verify with standard Ed25519 tools
    When I check the head's signature with node:crypto and the exported public key
    Then the standard check passes

  @behavior:MCP.VERIFY.BY_PREFIX
  Scenario: Verify an artifact by a unique prefix of its id
    When I verify the artifact by the first 8 hex digits of its id
    Then the verification succeeds with the key of the home folder

  @behavior:MCP.VERIFY.TAMPERED
  Scenario: A changed payload is detected
    Given a copy of the head whose payload was changed
    When I verify that copy
    Then the operation fails with TAMPERED

  @behavior:MCP.VERIFY.TAMPERED
  Scenario: A changed artifact file in the store is detected
    Given the stored artifact file of the head was edited to add a server
    When I verify the profile head
    Then the operation fails with TAMPERED

  @behavior:MCP.VERIFY.SIGNATURE_INVALID
  Scenario: Changed metadata breaks the signature
    Given a copy of the head whose changelog was changed
    When I verify that copy
    Then the operation fails with SIGNATURE_INVALID

  @behavior:MCP.VERIFY.UNTRUSTED_KEY
  Scenario: An artifact signed by another home folder's key is rejected
    Given an artifact published in another home folder
    When I verify that copy
    Then the operation fails with UNTRUSTED_KEY

  @behavior:MCP.VERIFY.KEY_ROTATION
  Scenario: Artifacts signed before a key rotation still verify
    Given the signing key was rotated
    When I verify the profile head
    Then the verification succeeds with the retired key

  @behavior:MCP.VERIFY.NOT_FOUND
  Scenario: Verifying an unknown artifact id
    When I verify the artifact "sha256:0000000000000000000000000000000000000000000000000000000000000000"
    Then the operation fails with ARTIFACT_NOT_FOUND

  @behavior:MCP.VERIFY.CLI
  Scenario: A tampered artifact file fails the verify command with exit code 1
    Given a copy of the head whose payload was changed, saved as "tampered.json"
    When I run the CLI "verify --file {tampered.json}"
    Then the CLI exits with 1
    And the CLI error output contains "TAMPERED"
