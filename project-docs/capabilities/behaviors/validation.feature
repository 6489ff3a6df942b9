@capability:validation
Feature: Validating a configuration
  As someone about to publish
  I want every problem named with a stable code and a JSON pointer
  So that I (or a script) can fix it without guessing

  Background:
    Given an initialized home folder

  @behavior:MCP.VALIDATE.VALID
  Scenario: A draft of well-formed servers is valid
    Given the draft has the registry server "memory"
    And the draft has the registry server "filesystem" with param "path" set to "/tmp"
    When I validate the draft
    Then the config is valid with 2 servers and no warnings

  @behavior:MCP.VALIDATE.ERRORS
  Scenario Outline: Each kind of mistake has its own code and path
    When I validate this payload:
      """json
      <payload>
      """
    Then the config is invalid with <code> at "<path>"

    Examples:
      | payload                                                                 | code                   | path                          |
      | {"mcpServers": {}}                                                      | EMPTY_CONFIG           | /mcpServers                   |
      | {"servers": {}}                                                         | MISSING_REQUIRED_FIELD | /mcpServers                   |
      | {"mcpServers": {"a": {"args": ["x"]}}}                                  | MISSING_COMMAND        | /mcpServers/a/command         |
      | {"mcpServers": {"a": {"command": "npx", "args": "-y x"}}}               | INVALID_ARGS_TYPE      | /mcpServers/a/args            |
      | {"mcpServers": {"a": {"command": "npx", "env": {"N": 1}}}}              | INVALID_ENV_TYPE       | /mcpServers/a/env             |
      | {"mcpServers": {"a": {"type": "http", "url": "ftp://example.com"}}}     | INVALID_URL            | /mcpServers/a/url             |
      | {"mcpServers": {"a": {"type": "sse"}}}                                  | MISSING_REQUIRED_FIELD | /mcpServers/a/url             |
      | {"mcpServers": {"a b": {"command": "npx"}}}                             | INVALID_ID             | /mcpServers/a b               |
      | {"mcpServers": {"a": {"command": "npx", "shell": true}}}                | VALIDATION_ERROR       | /mcpServers/a/shell           |

  @behavior:MCP.VALIDATE.REQUIRED_PARAM
  Scenario: A registry server without its required parameter
    Given the draft has the registry server "filesystem" without params
    When I validate the draft
    Then the config is invalid with MISSING_REQUIRED_PARAM at "/mcpServers/filesystem/args"

  @behavior:MCP.VALIDATE.REQUIRED_ENV
  Scenario: A registry server without its required environment variable
    Given the draft has the registry server "brave-search" without env
    When I validate the draft
    Then the config is invalid with MISSING_REQUIRED_ENV at "/mcpServers/brave-search/env/BRAVE_API_KEY"

  @behavior:MCP.VALIDATE.SECRET_WARNING
  Scenario: A secret written as plain text is a warning, not an error
    When I validate this payload:
      """json
      { "mcpServers": { "api": { "command": "npx", "env": { "API_TOKEN": "abc123secret" } } } }
      """
    Then the config is valid with a SECRET_IN_PLAINTEXT warning at "/mcpServers/api/env/API_TOKEN"

  @behavior:MCP.VALIDATE.SECRET_WARNING
  Scenario: A secret held as an environment reference raises no warning
    Given the environment has API_TOKEN set to "t0ken"
    When I validate this payload:
      """json
      { "mcpServers": { "api": { "command": "npx", "env": { "API_TOKEN": "${env:API_TOKEN}" } } } }
      """
    Then the config is valid with 1 server and no warnings

  @behavior:MCP.VALIDATE.MISSING_SECRET
  Scenario: An environment reference that is not set is a MISSING_SECRET warning
    Given client config files live under a fake user home on Linux
    When I validate this payload:
      """json
      { "mcpServers": { "api": { "command": "npx", "env": { "API_TOKEN": "${env:API_TOKEN}" } } } }
      """
    Then the config is valid with a MISSING_SECRET warning at "/mcpServers/api"

  @behavior:MCP.VALIDATE.ALL_ERRORS
  Scenario: Every problem is reported at once
    When I validate this payload:
      """json
      { "mcpServers": { "a": { "args": "x" }, "b": { "type": "http", "url": "not a url" } } }
      """
    Then the config has 3 errors

  @behavior:MCP.VALIDATE.CLI
  Scenario: Validation through the command line sets the exit code
    Given the draft has the registry server "filesystem" without params
    When I run the CLI "validate --json"
    Then the CLI exits with 1
    And the CLI JSON has "valid" equal to false
