# workerd config for the hello benchmark: serves ../workers/hello.js, the same
# file Corral runs. bench/run overrides the port with --socket-addr http=...
using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [ (name = "main", worker = .hello) ],
  sockets = [ (name = "http", address = "127.0.0.1:8787", http = (), service = "main") ],
);

const hello :Workerd.Worker = (
  modules = [ (name = "worker", esModule = embed "../workers/hello.js") ],
  compatibilityDate = "2025-09-01",
);
