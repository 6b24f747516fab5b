-- Neovim as an independent LSP client, configured by the Neovim block of
-- docs/editors.md (PROBE_CONFIG, a file holding it): opens one file, waits for
-- its diagnostics, asks for a hover, then opens each file of PROBE_LAYOUTS and
-- records the root the configuration started the server in (or none). Writes
-- one JSON line on stdout. Exit 0 when diagnostics and hover arrived, 1 when not.
vim.cmd('filetype on')
local function env(name)
  local v = os.getenv(name)
  if v == nil or v == '' then
    io.stderr:write('nvim-probe: missing ' .. name .. '\n')
    vim.cmd('cquit 2')
  end
  return v
end
local config = env('PROBE_CONFIG')
local file = env('PROBE_FILE')
local line = tonumber(env('HOVER_LINE'))
local char = tonumber(env('HOVER_CHAR'))
local layouts = vim.fn.json_decode(env('PROBE_LAYOUTS'))

local out = { nvim = tostring(vim.version().major) .. '.' .. tostring(vim.version().minor) .. '.' .. tostring(vim.version().patch), shims = {} }

-- Neovim 0.7 (Debian's) has neither vim.fs nor vim.lsp.start: the parts the documented block calls, as 0.8 defines them.
if vim.fs == nil then
  table.insert(out.shims, 'vim.fs')
  vim.fs = {
    dirname = function(p) return p and vim.fn.fnamemodify(p, ':h') end,
    -- Upward search only: the names in `path`, then in each parent, nearest first.
    find = function(names, opts)
      names = type(names) == 'string' and { names } or names
      assert(opts.upward, 'only upward search is defined here')
      local dir = vim.fn.fnamemodify(opts.path, ':p'):gsub('(.)/$', '%1')
      while true do
        for _, name in ipairs(names) do
          local p = (dir == '/' and '' or dir) .. '/' .. name
          local stat = vim.loop.fs_stat(p)
          if stat and (opts.type == nil or opts.type == stat.type) then return { p } end
        end
        local parent = vim.fn.fnamemodify(dir, ':h')
        if parent == dir then return {} end
        dir = parent
      end
    end,
  }
end
if vim.lsp.start == nil then
  table.insert(out.shims, 'vim.lsp.start')
  local started = {}
  -- One client per name and root, attached to the current buffer (0.8's default reuse_client).
  vim.lsp.start = function(conf)
    local key = conf.name .. '\0' .. conf.root_dir
    local id = started[key]
    if id == nil or vim.lsp.client_is_stopped(id) then
      id = vim.lsp.start_client(conf)
      started[key] = id
    end
    vim.lsp.buf_attach_client(vim.api.nvim_get_current_buf(), id)
    return id
  end
end

-- Which buffer asked for which root, and the client it got: the configuration's choices, recorded as they are made.
local starts = {}
local lsp_start = vim.lsp.start
vim.lsp.start = function(conf, opts)
  local id = lsp_start(conf, opts)
  starts[vim.api.nvim_get_current_buf()] = { name = conf.name, root = conf.root_dir, client = id }
  return id
end

local published = {}
local default_handler = vim.lsp.handlers['textDocument/publishDiagnostics']
vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, result, ctx, cfg)
  published[result.uri] = result.diagnostics
  return default_handler(err, result, ctx, cfg)
end

dofile(config)

vim.cmd('edit ' .. vim.fn.fnameescape(file))
local bufnr = vim.api.nvim_get_current_buf()
local uri = vim.uri_from_bufnr(bufnr)
out.filetype = vim.bo[bufnr].filetype
out.start = starts[bufnr] or vim.NIL

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

-- The root chosen for each layout file: the autocommand runs as the buffer gets its filetype.
out.layouts = {}
for _, f in ipairs(layouts) do
  vim.cmd('edit ' .. vim.fn.fnameescape(f))
  local s = starts[vim.api.nvim_get_current_buf()]
  table.insert(out.layouts, { file = f, filetype = vim.bo.filetype, root = s and s.root or vim.NIL, client = s and s.client or vim.NIL })
end

io.stdout:write(vim.fn.json_encode(out) .. '\n')
vim.lsp.stop_client((vim.lsp.get_clients or vim.lsp.get_active_clients)())
if out.diagnostics_published and out.hover then vim.cmd('qall!') else vim.cmd('cquit 1') end
