-- wrk script: every request asks for a random path from the file named after `--`.
local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
end

local paths = {}
function init(args)
  for line in io.lines(args[1]) do
    paths[#paths + 1] = line
  end
  math.randomseed(os.time() + id * 7919)
end

function request()
  return wrk.format("GET", paths[math.random(#paths)])
end
