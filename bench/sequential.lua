-- wrk script: the threads walk the path list in turn (thread i takes every n-th path), so a
-- short run touches every page once; used to render every page before measuring.
local counter = 0
local threads = {}
function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
  table.insert(threads, thread)
  for _, t in ipairs(threads) do
    t:set("counter_threads", counter)
  end
end

local paths = {}
local next_index
function init(args)
  for line in io.lines(args[1]) do
    paths[#paths + 1] = line
  end
  next_index = id
end

function request()
  local path = paths[next_index]
  next_index = next_index + counter_threads
  if next_index > #paths then next_index = ((next_index - 1) % #paths) + 1 end
  return wrk.format("GET", path)
end
