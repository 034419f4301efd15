import ShipshapeCore
import ShipshapeRunner
import PlatformKit
import SwarmRules
import SwarmPanes
/// The bundled Docker Swarm demo (MedStack Control): one medium manager running
/// the web tasks and not rebooted for a month, one small worker, an API image over
/// 1 GiB pinned to the worker's `tier=app` label (the worker is its only node), and a
/// Postgres service with a bind mount, a plain POSTGRES_PASSWORD and no health check. web
/// checks its health and updates start-first; api and db run one replica, stop-first. The
/// switchover record resolves to the manager. Addresses are from the documentation range;
/// nothing is ever contacted.
enum SwarmScenario {
    static let switchoverHostname = "app.demo.example"

    static let json = #"""
{
 "host": "unix:///demo/docker.sock",
 "nodes": [
  {"id": "m4n4g3rdem0n0de000000001a", "hostname": "mgr-1", "role": "manager", "leader": true,
   "availability": "active", "state": "ready", "addr": "198.51.100.11", "cpus": 2, "memoryGiB": 4,
   "engineVersion": "20.10.24", "labels": {}, "changedDaysAgo": 31},
  {"id": "w0rk3rdem0n0de0000000001b", "hostname": "worker-1", "role": "worker",
   "availability": "active", "state": "ready", "addr": "198.51.100.21", "cpus": 1, "memoryGiB": 2,
   "engineVersion": "20.10.24", "labels": {"tier": "app"}, "changedDaysAgo": 2}
 ],
 "services": [
  {"id": "w3bserv1ced3m0000000000a1", "name": "web", "image": "medstack/web:1.4", "replicas": 2,
   "env": ["PORT=8080", "LOG_LEVEL=info"], "healthcheck": "cmd", "updateOrder": "start-first",
   "ports": [{"proto": "tcp", "target": 8080, "published": 80, "mode": "ingress"},
             {"proto": "tcp", "target": 8443, "published": 443, "mode": "ingress"}]},
  {"id": "ap1serv1ced3m0000000000b2", "name": "api", "image": "medstack/api:2.0", "replicas": 1,
   "constraints": ["node.labels.tier==app"], "updateOrder": "stop-first",
   "env": ["API_TOKEN_FILE=/run/secrets/api-token", "DATABASE_HOST=db"], "secrets": ["api-token"],
   "ports": [{"proto": "tcp", "target": 9000, "published": 9000, "mode": "host"}]},
  {"id": "dbserv1ced3m00000000000c3", "name": "db", "image": "postgres:15-alpine", "replicas": 1,
   "mounts": [{"type": "bind", "source": "/srv/pgdata", "target": "/var/lib/postgresql/data"}],
   "env": ["POSTGRES_USER=app", "POSTGRES_PASSWORD=demo-pg-Secret-do-not-show"]}
 ],
 "tasks": [
  {"service": "web", "slot": "web.1", "node": "m4n4g3rdem0n0de000000001a"},
  {"service": "web", "slot": "web.2", "node": "m4n4g3rdem0n0de000000001a"},
  {"service": "api", "slot": "api.1", "node": "w0rk3rdem0n0de0000000001b"},
  {"service": "db", "slot": "db.1", "node": "w0rk3rdem0n0de0000000001b"}
 ],
 "images": {"medstack/web:1.4": 188743680, "medstack/api:2.0": 1717986918, "postgres:15-alpine": 251658240},
 "healthcheckImages": ["medstack/api:2.0"],
 "dns": {"app.demo.example": ["198.51.100.11"]}
}
"""#
}
