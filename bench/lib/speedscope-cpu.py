#!/usr/bin/env python3
"""Where a .NET process's CPU went, from dotnet-trace's Speedscope output (dotnet-sampled-thread-time): only the
samples whose leaf is CPU_TIME (running, not waiting), each attributed to the deepest frame that names a component
of the request path (token validation, logging, telemetry, rate limiting, YARP, outbound HTTP/2, Kestrel...).
Usage: speedscope-cpu.py FILE.speedscope.json"""
import json, sys, collections

# Most specific first: the deepest frame matching any marker decides; ties go to the earlier component.
COMPONENTS = [
    ("token validation (JWT, revocation list)", ("JwtBearer", "JsonWebToken", "IdentityModel", "TokenValidat", "CachingTokenHandler", "RevokedClients", "ClaimsIdentity", "ClaimsPrincipal")),
    ("logging (Serilog, ILogger)", ("Serilog", "Microsoft.Extensions.Logging")),
    ("telemetry (Activity, metrics, OpenTelemetry)", ("System.Diagnostics.Activity", "DiagnosticsHandler", "MetricsHandler", "OpenTelemetry", "System.Diagnostics.Metrics", "Metrics.", "Propagator", "GrpcMetricsInterceptor")),
    ("rate limiting", ("RateLimit",)),
    ("authorization", ("Authorization",)),
    ("correlation id", ("CorrelationId",)),
    ("body-size limits", ("RequestSizeLimits",)),
    ("dependency injection scopes", ("DependencyInjection",)),
    ("routing (endpoint match)", ("Routing", "ListenerMatcherPolicy")),
    ("outbound HTTP/2 to the backend (SocketsHttpHandler)", ("System.Net.Http",)),
    ("YARP forwarding", ("Yarp",)),
    ("inbound HTTP/2 (Kestrel)", ("Kestrel",)),
    ("sockets, pipes", ("System.Net.Sockets", "System.IO.Pipelines")),
    ("async machinery, thread pool, GC polls", ("System.Threading", "System.Runtime.CompilerServices", "PollGC")),
]
data = json.load(open(sys.argv[1]))
names = [f["name"] for f in data["shared"]["frames"]]
GENERIC = COMPONENTS[-2:]
def component(stack):
    # The deepest frame of a named component; the generic layers only when no component is on the stack.
    for candidates in (COMPONENTS[:-2], GENERIC):
        for i in range(len(stack) - 1, -1, -1):
            name = names[stack[i]]
            for label, markers in candidates:
                if any(m in name for m in markers):
                    return label
    return "other (runtime, native)"
spent, busy = collections.Counter(), 0.0
for profile in data["profiles"]:
    stack, last = [], None
    for event in profile.get("events", []):
        at = event["at"]
        if stack and last is not None and at > last and names[stack[-1]] == "CPU_TIME":
            busy += at - last
            spent[component(stack[:-1])] += at - last
        last = at
        if event["type"] == "O":
            stack.append(event["frame"])
        elif stack:
            stack.pop()
print(f"CPU time sampled: {busy / 1000:.2f} s")
for label, t in spent.most_common():
    print(f"{100 * t / busy:5.1f}%  {label}")
