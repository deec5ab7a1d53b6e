-- The mixed load of docs/benchmarks.md "Many at work on one instance": of every 20 requests,
-- 7 home pages, 5 wait lists, 7 file opens and 1 activity report (35/25/35/5), in a fixed
-- interleaving so that every connection sends the same mix. bench/mixed.sh sets the sessions
-- and the file's address in the environment.
local coordinator = "havre_session=" .. os.getenv("MIX_COORDINATOR")
local caseworker = "havre_session=" .. os.getenv("MIX_CASEWORKER")
local file = os.getenv("MIX_FILE")

-- who asks for what: the coordinator's home, wait list and report; the caseworker's home and
-- her file of 200 meetings.
local kinds = {
  home_c = { "/", coordinator },
  home_w = { "/", caseworker },
  waitlist = { "/waitlist", coordinator },
  file = { file, caseworker },
  report = { "/reports", coordinator },
}
local plan = {
  "home_c", "file", "waitlist", "home_w", "file", "waitlist", "home_c", "file", "home_w", "file",
  "report", "home_c", "waitlist", "file", "home_w", "file", "waitlist", "home_c", "file", "waitlist",
}

local counter = 0
function init(args)
  -- each thread starts at a different place in the plan
  counter = math.random(0, #plan - 1)
end

function request()
  counter = counter + 1
  local kind = kinds[plan[(counter % #plan) + 1]]
  return wrk.format("GET", kind[1], { ["Cookie"] = kind[2] })
end
