-- Neovim (0.7+) as an independent LSP client: starts the Crosswalk server
-- over stdio, opens one file, waits for its diagnostics, asks for a hover,
-- and writes one JSON line on stdout. Exit 0 when both arrived, 1 when not.
vim.cmd('filetype on')
local function env(name)
  local v = os.getenv(name)
  if v == nil or v == '' then
    io.stderr:write('nvim-probe: missing ' .. name .. '\n')
    vim.cmd('cquit 2')
  end
  return v
end
local cmd = vim.fn.json_decode(env('LSP_CMD'))
local root = env('PROBE_ROOT')
local file = env('PROBE_FILE')
local line = tonumber(env('HOVER_LINE'))
local char = tonumber(env('HOVER_CHAR'))

local published = {}
local default_handler = vim.lsp.handlers['textDocument/publishDiagnostics']
vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
  published[result.uri] = result.diagnostics
  return default_handler(err, result, ctx, config)
end

local out = { nvim = tostring(vim.version().major) .. '.' .. tostring(vim.version().minor) .. '.' .. tostring(vim.version().patch) }
local id = vim.lsp.start_client({
  name = 'crosswalk',
  cmd = cmd,
  root_dir = root,
  workspace_folders = { { uri = vim.uri_from_fname(root), name = 'catalogue' } },
})
vim.cmd('edit ' .. vim.fn.fnameescape(file))
local bufnr = vim.api.nvim_get_current_buf()
vim.lsp.buf_attach_client(bufnr, id)
local uri = vim.uri_from_bufnr(bufnr)
out.filetype = vim.bo[bufnr].filetype

local function files_with_diagnostics()
  local n = 0
  for _, ds in pairs(published) do
    if #ds > 0 then n = n + 1 end
  end
  return n
end
-- The server pushes diagnostics for the whole workspace, not just the open file: wait for as many files as expected.
local expect_files = tonumber(os.getenv('EXPECT_FILES') or '0')
out.diagnostics_published = vim.wait(30000, function() return published[uri] ~= nil and files_with_diagnostics() >= expect_files end, 50)
out.diagnostics = {}
for _, d in ipairs(published[uri] or {}) do
  table.insert(out.diagnostics, { line = d.range.start.line, col = d.range.start.character, severity = d.severity, code = d.code, message = d.message })
end
out.files_with_diagnostics = files_with_diagnostics()

local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', { textDocument = { uri = uri }, position = { line = line, character = char } }, 10000)
for _, r in pairs(responses or {}) do
  if r.result then out.hover = r.result.contents.value end
end

io.stdout:write(vim.fn.json_encode(out) .. '\n')
vim.lsp.stop_client(id)
if out.diagnostics_published and out.hover then vim.cmd('qall!') else vim.cmd('cquit 1') end
