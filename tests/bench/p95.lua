-- wrk's summary as name: value lines, with the 95th percentile wrk's own report leaves out.
done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout
  io.write(string.format("requests: %d\n", summary.requests))
  io.write(string.format("rps: %.1f\n", summary.requests / seconds))
  io.write(string.format("p50_ms: %.2f\n", latency:percentile(50) / 1000))
  io.write(string.format("p95_ms: %.2f\n", latency:percentile(95) / 1000))
  io.write(string.format("errors: %d\n", errors))
end
