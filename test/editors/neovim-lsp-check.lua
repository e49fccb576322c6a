-- Drives the pexnet language server from headless Neovim (0.7 API: vim.lsp.start_client),
-- run by test/editors/neovim.test.ts as
--   nvim --headless --clean -u <README's 0.7 init.lua> -c "luafile neovim-lsp-check.lua"
-- The init.lua is the README's snippet, copied verbatim: opening a .pexnet file starts the
-- server and attaches the buffer. This script only opens the file, uses the features the
-- way Neovim's own commands do, and writes what the server answered as JSON to
-- $PEXNET_NVIM_RESULT. It exits with :qa! when done, or :cquit 3 with a message on stderr
-- (and {"error": ...} in the result file) when something goes wrong. Every wait is a
-- bounded vim.wait poll.

local WAIT_MS = 15000
local POLL_MS = 20

local result_path = assert(os.getenv("PEXNET_NVIM_RESULT"), "PEXNET_NVIM_RESULT is not set")
local file = assert(os.getenv("PEXNET_NVIM_FILE"), "PEXNET_NVIM_FILE is not set")

local function write_result(value)
  local out = assert(io.open(result_path, "w"))
  out:write(vim.fn.json_encode(value))
  out:close()
end

local function wait_for(what, predicate)
  if not vim.wait(WAIT_MS, predicate, POLL_MS) then
    error("timed out after " .. WAIT_MS .. " ms waiting for " .. what, 0)
  end
end

-- Every textDocument/publishDiagnostics, so a wait can ask for the buffer's current version.
local published = {}
local default_publish = vim.lsp.handlers["textDocument/publishDiagnostics"]
vim.lsp.handlers["textDocument/publishDiagnostics"] = function(err, params, ctx, config)
  table.insert(published, { version = params and params.version, count = params and #params.diagnostics })
  return default_publish(err, params, ctx, config)
end

local function missing_flow_count(bufnr)
  local n = 0
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if d.code == "missing-flow" then n = n + 1 end
  end
  return n
end

--- Waits for diagnostics of the buffer's current text (the version Neovim last sent).
local function wait_for_current_diagnostics(bufnr, what)
  wait_for(what, function()
    local last = published[#published]
    return last ~= nil and last.version == vim.lsp.util.buf_versions[bufnr]
  end)
end

--- The 0-based line and byte column of `needle` (plain text) on the first line containing `line_text`.
local function find(bufnr, line_text, needle)
  for i, line in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
    if line:find(line_text, 1, true) then
      local col = line:find(needle, 1, true)
      if col then return i - 1, col - 1 end
    end
  end
  error("no line containing " .. vim.inspect(line_text) .. " and " .. vim.inspect(needle), 0)
end

--- Puts the cursor on `needle` and builds the position params the way K and gd do.
local function position_params(bufnr, line_text, needle, offset)
  local line, col = find(bufnr, line_text, needle)
  vim.api.nvim_win_set_cursor(0, { line + 1, col + (offset or 1) })
  return vim.lsp.util.make_position_params(), line, col
end

local function request(client, bufnr, method, params)
  local response, message = client.request_sync(method, params, WAIT_MS, bufnr)
  if not response then error(method .. " failed: " .. tostring(message), 0) end
  if response.err then error(method .. " answered an error: " .. vim.inspect(response.err), 0) end
  return response.result
end

local function hover_text(result)
  if result == nil or result == vim.NIL then return nil end
  local contents = result.contents
  if type(contents) == "string" then return contents end
  if contents.value then return contents.value end
  return table.concat(vim.lsp.util.convert_input_to_markdown_lines(contents), "\n")
end

local function main()
  vim.cmd("edit " .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  local out = { nvim = vim.version(), filetype = vim.bo[bufnr].filetype, uri = vim.uri_from_bufnr(bufnr) }

  -- 1. The README's FileType autocmd started the server and attached this buffer.
  local client
  wait_for("a language client attached to the buffer", function()
    client = select(2, next(vim.lsp.buf_get_clients(bufnr)))
    return client ~= nil and client.initialized == true
  end)
  out.client = { name = client.name, offset_encoding = client.offset_encoding, server = client.server_info }
  local encoding = client.offset_encoding or "utf-16"

  -- 2. Diagnostics of the file as opened.
  wait_for_current_diagnostics(bufnr, "the first diagnostics")
  local diagnostics = vim.diagnostic.get(bufnr)
  out.diagnostics = {}
  for _, d in ipairs(diagnostics) do
    table.insert(out.diagnostics, { code = d.code, lnum = d.lnum, col = d.col, message = d.message, source = d.source, severity = d.severity })
  end

  -- 3. Hovers: a port in a rule and a node name.
  local params, line, col = position_params(bufnr, "allow tcp 443, 5061", "5061")
  out.hover_port = { line = line, character = col, text = hover_text(request(client, bufnr, "textDocument/hover", params)) }
  params, line, col = position_params(bufnr, "allow tcp+udp media from guests to", "edge-lon-1")
  out.hover_node = { line = line, character = col, text = hover_text(request(client, bufnr, "textDocument/hover", params)) }

  -- 4a. Document symbols (the outline).
  local symbols = request(client, bufnr, "textDocument/documentSymbol", { textDocument = { uri = out.uri } })
  out.symbols = {}
  for _, s in ipairs(symbols or {}) do
    local children = {}
    for _, c in ipairs(s.children or {}) do table.insert(children, c.name) end
    table.insert(out.symbols, { name = s.name, kind = s.kind, detail = s.detail, line = s.range.start.line, children = children })
  end

  -- 4b. Go to definition from a use of edge-lon-1 in a rule.
  params, line, col = position_params(bufnr, "allow tcp+udp any from", "edge-lon-1")
  local definition = request(client, bufnr, "textDocument/definition", params)
  if definition ~= nil and definition ~= vim.NIL and definition.uri == nil then definition = definition[1] end
  out.definition = { from = { line = line, character = col }, target = definition }

  -- 4c. The quick fix for one missing flow (NTP), applied as Neovim applies workspace edits.
  out.missing_before = missing_flow_count(bufnr)
  local ntp_line
  for _, d in ipairs(diagnostics) do
    if d.code == "missing-flow" and d.message:find("NTP", 1, true) then ntp_line = d.lnum end
  end
  if not ntp_line then error("no missing-flow diagnostic about NTP", 0) end
  -- The LSP form of the diagnostic (with its data), as vim.lsp.buf.code_action sends it.
  local lsp_diagnostic
  for _, d in ipairs(vim.lsp.diagnostic.get_line_diagnostics(bufnr, ntp_line, nil, client.id)) do
    if d.code == "missing-flow" and d.message:find("NTP", 1, true) then lsp_diagnostic = d end
  end
  local actions = request(client, bufnr, "textDocument/codeAction", {
    textDocument = { uri = out.uri },
    range = lsp_diagnostic.range,
    context = { diagnostics = { lsp_diagnostic }, only = { "quickfix" } },
  })
  out.actions = {}
  for _, a in ipairs(actions or {}) do table.insert(out.actions, { title = a.title, kind = a.kind, isPreferred = a.isPreferred }) end
  local fix = actions and actions[1]
  if not (fix and fix.edit) then error("no quick fix with an edit for the NTP diagnostic", 0) end
  vim.lsp.util.apply_workspace_edit(fix.edit, encoding)
  wait_for_current_diagnostics(bufnr, "diagnostics after the quick fix")
  out.missing_after = missing_flow_count(bufnr)
  out.lines_after_fix = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)

  -- 4d. Completion after typing `allow ` on a new line of the firewall block.
  line = find(bufnr, "zones corp, dmz, internet", "zones")
  vim.api.nvim_buf_set_lines(bufnr, line + 1, line + 1, false, { "  allow " })
  -- In insert mode the cursor would sit after the space; normal mode (headless) cannot put
  -- it there, so the position is written out: the end of the typed line.
  params = { textDocument = { uri = out.uri }, position = { line = line + 1, character = #"  allow " } }
  local completion = request(client, bufnr, "textDocument/completion", params)
  local items = completion and (completion.items or completion) or {}
  out.completion = { line = params.position.line, character = params.position.character, labels = {} }
  for _, item in ipairs(items) do table.insert(out.completion.labels, item.label) end

  -- The server saw the typed line: it is what the buffer holds now.
  wait_for_current_diagnostics(bufnr, "diagnostics after typing")
  out.version_after_typing = vim.lsp.util.buf_versions[bufnr]
  out.publications = #published

  write_result(out)
end

local ok, err = xpcall(main, debug.traceback)
if not ok then
  pcall(write_result, { error = tostring(err) })
  io.stderr:write("neovim-lsp-check.lua: " .. tostring(err) .. "\n")
  vim.cmd("cquit 3")
end
vim.cmd("qa!")
