@capability:deployment
Feature: Deploying into client config files
  As someone whose AI clients read their MCP servers from their own config files
  I want a published config written into those files without losing anything else in them
  So that every client runs exactly what was published, and any change can be seen and undone

  Background:
    Given an initialized home folder
    And client config files live under a fake user home on Linux
    And the draft has the registry server "memory"
    And the draft was published with changelog "memory"

  # ---- happy paths --------------------------------------------------------------------------------

  @behavior:MCP.DEPLOY.WRITE
  Scenario: Deploying creates a missing config file and its folders
    Given the claude-desktop config file does not exist
    When I deploy
    Then the deploy status is "deployed"
    And the claude-desktop config file is:
      """
      {
        "mcpServers": {
          "memory": {
            "command": "npx",
            "args": [
              "-y",
              "@modelcontextprotocol/server-memory"
            ]
          }
        }
      }
      """

  @behavior:MCP.DEPLOY.WRITE
  Scenario: Deploying changes only the servers it manages, keeping comments, other keys and hand-added servers
    Given the claude-desktop config file holds:
      """
      {
        // Claude Desktop settings, edited by hand
        "globalShortcut": "Ctrl+Space",
        "mcpServers": {
          "legacy": { "command": "node", "args": ["legacy.js"] }
        },
        "theme": "dark",
      }
      """
    When I deploy
    Then the deploy status is "deployed"
    And the deploy lists "legacy" as kept
    And the deploy lists "memory" as added
    And the claude-desktop config file is:
      """
      {
        // Claude Desktop settings, edited by hand
        "globalShortcut": "Ctrl+Space",
        "mcpServers": {
          "legacy": { "command": "node", "args": ["legacy.js"] },
          "memory": {
            "command": "npx",
            "args": [
              "-y",
              "@modelcontextprotocol/server-memory"
            ]
          }
        },
        "theme": "dark",
      }
      """

  @behavior:MCP.DEPLOY.WRITE
  Scenario: A second deploy of the same artifact changes no byte
    Given the profile head was deployed
    When I deploy again
    Then the deploy status is "unchanged"
    And the claude-desktop config file is unchanged
    And no backup was kept for this deploy

  @behavior:MCP.DEPLOY.DRY_RUN
  Scenario: A dry run shows the changes and writes nothing
    Given the claude-desktop config file holds:
      """
      { "mcpServers": { "legacy": { "command": "node", "args": ["legacy.js"] } } }
      """
    When I deploy with a dry run
    Then the deploy status is "dry-run"
    And the deploy lists "legacy" as kept
    And the deploy changes show "memory" as added
    And the claude-desktop config file is unchanged
    And nothing was deployed to claude-desktop

  @behavior:MCP.DEPLOY.BACKUP
  Scenario: Every write keeps a backup and a log entry
    Given the claude-desktop config file holds:
      """
      { "mcpServers": {} }
      """
    When I deploy
    Then a backup of the old file was kept
    And the deployment of claude-desktop is logged with the artifact published with changelog "memory"

  @behavior:MCP.STATUS.DRIFT
  Scenario: Right after a deploy the file is in sync
    Given the profile head was deployed
    When I ask for the deployment status
    Then claude-desktop is "in-sync"
    And the head is what is deployed to claude-desktop

  @behavior:MCP.STATUS.DRIFT
  Scenario: A hand edit is drift, reported field by field
    Given the profile head was deployed
    And the claude-desktop config file was edited by hand to add the arg "--verbose" to "memory"
    And the claude-desktop config file was edited by hand to add a server "extra" running "evil"
    When I ask for the deployment status
    Then claude-desktop is "drifted"
    And the drift does not mention "extra"
    And the drift shows field "args" of "memory" as changed

  @behavior:MCP.STATUS.DRIFT
  Scenario: A client that was never deployed to is not deployed
    When I ask for the deployment status of cursor
    Then cursor is "not-deployed"

  @behavior:MCP.ROLLBACK.PREVIOUS
  Scenario: Roll back to the previously deployed artifact, then forward again by id prefix
    Given the profile head was deployed
    And the draft has the registry server "time"
    And the draft was published with changelog "memory and time"
    And the profile head was deployed
    When I roll back
    Then the result is a rollback to the artifact published with changelog "memory"
    And the claude-desktop config file has the servers "memory"
    When I roll back to the first 10 hex digits of the artifact published with changelog "memory and time"
    Then the result is a rollback to the artifact published with changelog "memory and time"
    And the claude-desktop config file has the servers "memory, time"

  @behavior:MCP.ROLLBACK.RESTORE_BACKUP
  Scenario: Restoring the backup puts back the exact bytes from before the last deploy
    Given the claude-desktop config file holds:
      """
      { "mcpServers": { "legacy": { "command": "node", "args": ["legacy.js"] } },   "odd spacing": true }
      """
    And the profile head was deployed
    When I restore the backup
    Then the result's action is "restore-backup"
    And the claude-desktop config file is unchanged

  @behavior:MCP.IMPORT.ADOPT
  Scenario: Importing an existing config into the draft round-trips without a change
    Given the draft is cleared
    And the claude-desktop config file holds:
      """
      {
        "mcpServers": {
          "legacy": { "command": "node", "args": ["legacy.js"], "env": { "MODE": "fast" } }
        }
      }
      """
    When I import the claude-desktop config file
    Then the import took the servers "legacy"
    And the draft entry "legacy" is:
      """json
      { "command": "node", "args": ["legacy.js"], "env": { "MODE": "fast" } }
      """
    When I publish the draft with changelog "adopt"
    And I deploy
    Then the deploy status is "unchanged"
    And the claude-desktop config file is unchanged

  @behavior:MCP.DEPLOY.MANY
  Scenario: Deploying to several clients, one failing does not stop the others
    Given the vscode config file holds:
      """
      { "servers": { broken
      """
    When I deploy to the clients "cursor,vscode,claude-code"
    Then the deploy succeeded for "cursor, claude-code"
    And the deploy to vscode failed with CLIENT_CONFIG_INVALID
    And the cursor config file has the servers "memory"
    And the vscode config file is unchanged

  @behavior:MCP.IMPORT.ONE_SHOT_ADD
  Scenario: The one-shot add adopts the servers the client already had
    Given the claude-desktop config file holds:
      """
      { "mcpServers": { "legacy": { "command": "node", "args": ["legacy.js"] } } }
      """
    When I add the registry server "time" in one shot to the "work" profile
    Then "time" was added and "legacy" adopted
    And the one-shot deployed to "claude-desktop"
    And the claude-desktop config file has the servers "legacy, time"
    And the newest publish of the "work" profile has changelog "add time"

  @behavior:MCP.DEPLOY.REMOTE_BRIDGE
  Scenario: A remote server on a stdio-only client is bridged with mcp-remote
    Given the draft has the custom remote server "docs" at "https://example.com/mcp"
    And the draft was published with changelog "docs"
    When I deploy
    Then the server "docs" in the claude-desktop config file is:
      """json
      { "command": "npx", "args": ["-y", "mcp-remote", "https://example.com/mcp"] }
      """

  # ---- errors -------------------------------------------------------------------------------------

  @behavior:MCP.DEPLOY.INVALID_FILE
  Scenario: A config file that does not parse is never overwritten
    Given the claude-desktop config file holds:
      """
      {
        "mcpServers": {
          "a": { "command": "x"
        }
      """
    When I deploy
    Then the operation fails with CLIENT_CONFIG_INVALID
    And the error gives line 5 and column 1
    And the claude-desktop config file is unchanged
    And nothing was deployed to claude-desktop

  @behavior:MCP.DEPLOY.CONCURRENT_EDIT
  Scenario: A config file being saved when a deploy starts is waited for, and the save is kept
    # Linux: the deploy asks the kernel whether any process still has the file open for writing.
    Given the claude-desktop config file holds:
      """
      {
        "mcpServers": {}
      }
      """
    And an editor is saving the claude-desktop config file in place, half written, for 300 ms, with:
      """
      {
        "theme": "dark",
        "mcpServers": {
          "mine": { "command": "node", "args": ["mine.js"] }
        }
      }
      """
    When I deploy
    Then the deploy status is "deployed"
    And the claude-desktop config file has "theme" set to "dark"
    And the claude-desktop config file has the servers "mine, memory"

  @behavior:MCP.DEPLOY.SECRETS
  Scenario: An unset secret reference stops the deploy before anything is written
    Given the draft has the custom server "api" with env "API_TOKEN" set to "${env:MY_API_TOKEN}"
    And the draft was published with changelog "api"
    And the claude-desktop config file does not exist
    When I deploy
    Then the operation fails with MISSING_SECRET
    And the error message names "MY_API_TOKEN"
    And the claude-desktop config file does not exist

  @behavior:MCP.DEPLOY.SECRETS
  Scenario: A secret is resolved into a client that does not expand variables, and never shown
    Given the draft has the custom server "api" with env "API_TOKEN" set to "${env:MY_API_TOKEN}"
    And the draft was published with changelog "api"
    And the environment has MY_API_TOKEN set to "s3cr3t-value-123"
    When I deploy
    Then the server "api" in the claude-desktop config file has env "API_TOKEN" set to "s3cr3t-value-123"
    And the result does not show "s3cr3t-value-123"

  @behavior:MCP.DEPLOY.SECRETS
  Scenario: A client that expands variables gets the reference, not the value
    Given the draft has the custom server "api" with env "API_TOKEN" set to "${env:MY_API_TOKEN}"
    And the draft was published with changelog "api"
    And the environment has MY_API_TOKEN set to "s3cr3t-value-123"
    When I deploy to the clients "cursor"
    Then the server "api" in the cursor config file has env "API_TOKEN" set to "${env:MY_API_TOKEN}"

  @behavior:MCP.ROLLBACK.PREVIOUS
  Scenario: Nothing to roll back before the first deploy
    When I roll back cursor
    Then the operation fails with NOT_DEPLOYED

  @behavior:MCP.DEPLOY.UNKNOWN_CLIENT
  Scenario: A client this tool does not know is refused
    When I deploy to nope
    Then the operation fails with UNKNOWN_CLIENT

  @behavior:MCP.DEPLOY.VERIFIED
  Scenario: An artifact that was changed after publishing is never deployed
    Given the claude-desktop config file does not exist
    And the stored artifact file of the head was edited to add a server
    When I deploy
    Then the operation fails with TAMPERED
    And the claude-desktop config file does not exist

  # ---- edge cases ---------------------------------------------------------------------------------

  @behavior:MCP.DEPLOY.FORMATS
  Scenario: A TOML file keeps its comments, other tables and a mixed-type array
    Given the codex config file holds:
      """
      # Codex settings
      model = "gpt-5"
      mixed = [1, "two", 3.0]

      [mcp_servers.old]
      command = "old"

      [profiles.fast]
      model = "mini" # keep me
      """
    When I deploy to the clients "codex"
    Then the deploy succeeded for "codex"
    And the codex config file is:
      """
      # Codex settings
      model = "gpt-5"
      mixed = [1, "two", 3.0]

      [mcp_servers.old]
      command = "old"

      [mcp_servers.memory]
      command = "npx"
      args = [ "-y", "@modelcontextprotocol/server-memory" ]

      [profiles.fast]
      model = "mini" # keep me
      """

  @behavior:MCP.DEPLOY.FORMATS
  Scenario: A JSONC file keeps its comments and trailing commas
    Given the vscode config file holds:
      """
      {
        // user settings
        "inputs": [
          { "id": "token", "type": "promptString", },
        ],
        "servers": {},
      }
      """
    When I deploy to the clients "vscode"
    Then the deploy succeeded for "vscode"
    And the vscode config file is:
      """
      {
        // user settings
        "inputs": [
          { "id": "token", "type": "promptString", },
        ],
        "servers": {
          "memory": {
            "type": "stdio",
            "command": "npx",
            "args": [
              "-y",
              "@modelcontextprotocol/server-memory"
            ]
          }
        },
      }
      """

  @behavior:MCP.DEPLOY.FORMATS
  Scenario: A config file that is a symlink stays a symlink; its target is written
    Given the claude-desktop config file is a symlink to "dotfiles/claude.json" holding:
      """
      { "mcpServers": {} }
      """
    When I deploy
    Then the deploy status is "deployed"
    And the claude-desktop config file is still a symlink to "dotfiles/claude.json"
    And the claude-desktop config file has the servers "memory"

  @behavior:MCP.LIST.STATES
  Scenario: list names every server of every client file with its state
    Given the claude-desktop config file holds:
      """
      { "mcpServers": { "mine": { "command": "node" }, "off": { "command": "node", "disabled": true } } }
      """
    And the profile head was deployed
    When I list the servers in the client files
    Then in the claude-desktop file "memory" is managed
    And in the claude-desktop file "mine" is unmanaged
    And in the claude-desktop file "off" is disabled

  @behavior:MCP.LIST.STATES
  Scenario: list and status agree about a managed server edited by hand
    Given the profile head was deployed
    And the claude-desktop config file was edited by hand to add the arg "--verbose" to "memory"
    When I list the servers in the client files
    Then in the claude-desktop file "memory" is drifted
    When I ask for the deployment status
    Then claude-desktop is "drifted"
