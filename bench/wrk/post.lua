-- wrk script: POST a statement development to the stories given as arguments, round robin,
-- each request with a fresh Idempotency-Key and summary. Arguments: token, run tag, stories.
local counter = 0
local threads = 0

function setup(thread)
  thread:set("tid", threads)
  threads = threads + 1
end

function init(args)
  token = args[1]
  tag = args[2]
  stories = {}
  for i = 3, #args do stories[#stories + 1] = args[i] end
end

local template = '{"type": "statement", "occurred_at": "2025-04-02", ' ..
  '"summary": "Benchmark statement %s-%d-%d", "source": {"outlet": "Bench Wire"}, ' ..
  '"speaker": {"name": "Bench Speaker"}, "content": "Nothing to report."}'

function request()
  counter = counter + 1
  local story = stories[(counter + tid) % #stories + 1]
  local headers = {
    ["Authorization"] = "Bearer " .. token,
    ["Content-Type"] = "application/json",
    ["Idempotency-Key"] = string.format("%s-%d-%d", tag, tid, counter),
  }
  local body = string.format(template, tag, tid, counter)
  return wrk.format("POST", "/api/v1/stories/" .. story .. "/developments", headers, body)
end
