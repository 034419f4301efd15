import ShipshapeCore
import ShipshapeRunner
import PlatformKit
import Deis1Rules
import Deis1Panes
import EtcdRules
import EtcdPlatform
/// The bundled Deis v1 demo: 7 CoreOS machines, each a full etcd member (no proxies),
/// every machine in every plane (the default cloud-config) and placement options off,
/// registration `enabled`, one router, Ceph `deis-store-*` units, no TLS keys, the router
/// firewall off, logs kept in the cluster (deis-logger's own address in `/deis/logs/host`, no
/// drain), no monitoring agent, and three machines that were never preseeded. Deis' keys are in
/// etcd's **v2** store (`v2Keys`); the v3 keyspace is empty, as on a real etcd 3.x under Deis v1.
/// fleet is reached through its etcd registry (`--driver=etcd`), as in the Deis v1 era.
enum Deis1Scenario {
    static let json = #"""
{
 "etcd": {
  "clusterID": 17237436991929493444, "leader": 18249187646912138824, "revision": 212,
  "members": [
   {"id": 9372538179322589801, "name": "0f3e8b7a4c5d4e2f9a1b2c3d4e5f6a7b", "peerURLs": ["http://10.0.1.11:2380"], "clientURLs": ["http://10.0.1.11:2379", "http://10.0.1.11:4001"], "version": "3.4.23", "dbSize": 2138112, "raftIndex": 48213, "raftTerm": 14},
   {"id": 10501334649042878790, "name": "5a1c9d02e3f44a5b8c6d7e8f9a0b1c2d", "peerURLs": ["http://10.0.1.12:2380"], "clientURLs": ["http://10.0.1.12:2379", "http://10.0.1.12:4001"], "version": "3.4.23", "dbSize": 2134016, "raftIndex": 48213, "raftTerm": 14},
   {"id": 18249187646912138824, "name": "7b4e1f9c0d2a4b6e8f1a3c5e7d9b2f4a", "peerURLs": ["http://10.0.1.13:2380"], "clientURLs": ["http://10.0.1.13:2379", "http://10.0.1.13:4001"], "version": "3.4.23", "dbSize": 2129920, "raftIndex": 48213, "raftTerm": 14},
   {"id": 12345678901234567890, "name": "8c2d7e4f1a9b4c3d5e6f7a8b9c0d1e2f", "peerURLs": ["http://10.0.1.14:2380"], "clientURLs": ["http://10.0.1.14:2379", "http://10.0.1.14:4001"], "version": "3.4.23", "dbSize": 2125824, "raftIndex": 48213, "raftTerm": 14},
   {"id": 15974331084224373713, "name": "9d5f2a8e3b7c4d1e6f0a2b4c6d8e0f1a", "peerURLs": ["http://10.0.1.15:2380"], "clientURLs": ["http://10.0.1.15:2379", "http://10.0.1.15:4001"], "version": "3.4.23", "dbSize": 2121728, "raftIndex": 48213, "raftTerm": 14},
   {"id": 11028301542312278919, "name": "a6e3c9f1b8d24e7a9c5f1d3b7e2a4c6e", "peerURLs": ["http://10.0.1.16:2380"], "clientURLs": ["http://10.0.1.16:2379", "http://10.0.1.16:4001"], "version": "3.4.23", "dbSize": 2117632, "raftIndex": 48210, "raftTerm": 14},
   {"id": 17306932121957021431, "name": "c7e2aa41b2c34d5e6f708192a3b4c5d6", "peerURLs": ["http://10.0.1.17:2380"], "clientURLs": ["http://10.0.1.17:2379", "http://10.0.1.17:4001"], "version": "3.4.23", "dbSize": 2113536, "raftIndex": 48213, "raftTerm": 14}
  ],
  "keys": {},
  "v2Keys": {
   "/deis/controller/registrationMode": "enabled",
   "/deis/platform/version": "v1.13.4",
   "/deis/platform/domain": "deis.example.com",
   "/deis/logs/host": "10.0.1.14",
   "/deis/logs/port": "514",
   "/deis/router/hosts/10.0.1.12": "10.0.1.12:80",
   "/deis/router/gzip": "on"
  }
 },
 "fleet": {
  "endpoint": "http://10.0.1.11:2379",
  "driver": "etcd",
  "machines": [
   {"id": "0f3e8b7a4c5d4e2f9a1b2c3d4e5f6a7b", "ip": "10.0.1.11", "metadata": {"controlPlane": "true", "dataPlane": "true", "routerMesh": "true"}, "images": ["deis/builder:v1.13.4", "deis/controller:v1.13.4", "deis/database:v1.13.4", "deis/logger:v1.13.4", "deis/logspout:v1.13.4", "deis/publisher:v1.13.4", "deis/registry:v1.13.4", "deis/router:v1.13.4", "deis/store-admin:v1.13.4", "deis/store-daemon:v1.13.4", "deis/store-gateway:v1.13.4", "deis/store-monitor:v1.13.4"]},
   {"id": "5a1c9d02e3f44a5b8c6d7e8f9a0b1c2d", "ip": "10.0.1.12", "metadata": {"controlPlane": "true", "dataPlane": "true", "routerMesh": "true"}, "images": ["deis/builder:v1.13.4", "deis/controller:v1.13.4", "deis/database:v1.13.4", "deis/logger:v1.13.4", "deis/logspout:v1.13.4", "deis/publisher:v1.13.4", "deis/registry:v1.13.4", "deis/router:v1.13.4", "deis/store-admin:v1.13.4", "deis/store-daemon:v1.13.4", "deis/store-gateway:v1.13.4", "deis/store-monitor:v1.13.4"]},
   {"id": "7b4e1f9c0d2a4b6e8f1a3c5e7d9b2f4a", "ip": "10.0.1.13", "metadata": {"controlPlane": "true", "dataPlane": "true", "routerMesh": "true"}, "images": ["deis/builder:v1.13.4", "deis/controller:v1.13.4", "deis/database:v1.13.4", "deis/logger:v1.13.4", "deis/logspout:v1.13.4", "deis/publisher:v1.13.4", "deis/registry:v1.13.4", "deis/router:v1.13.4", "deis/store-admin:v1.13.4", "deis/store-daemon:v1.13.4", "deis/store-gateway:v1.13.4", "deis/store-monitor:v1.13.4"]},
   {"id": "8c2d7e4f1a9b4c3d5e6f7a8b9c0d1e2f", "ip": "10.0.1.14", "metadata": {"controlPlane": "true", "dataPlane": "true", "routerMesh": "true"}, "images": ["deis/builder:v1.13.4", "deis/controller:v1.13.4", "deis/database:v1.13.4", "deis/logger:v1.13.4", "deis/logspout:v1.13.4", "deis/publisher:v1.13.4", "deis/registry:v1.13.4", "deis/router:v1.13.4", "deis/store-admin:v1.13.4", "deis/store-daemon:v1.13.4", "deis/store-gateway:v1.13.4", "deis/store-monitor:v1.13.4"]},
   {"id": "9d5f2a8e3b7c4d1e6f0a2b4c6d8e0f1a", "ip": "10.0.1.15", "metadata": {"controlPlane": "true", "dataPlane": "true", "routerMesh": "true"}, "images": ["deis/logspout:v1.13.4", "deis/publisher:v1.13.4", "deis/store-admin:v1.13.4", "deis/store-daemon:v1.13.4", "deis/store-monitor:v1.13.4"]},
   {"id": "a6e3c9f1b8d24e7a9c5f1d3b7e2a4c6e", "ip": "10.0.1.16", "metadata": {"controlPlane": "true", "dataPlane": "true", "routerMesh": "true"}, "images": ["deis/logspout:v1.13.4", "deis/publisher:v1.13.4", "deis/store-daemon:v1.13.4", "deis/store-monitor:v1.13.4", "alpine:3.4"]},
   {"id": "c7e2aa41b2c34d5e6f708192a3b4c5d6", "ip": "10.0.1.17", "metadata": {"controlPlane": "true", "dataPlane": "true", "routerMesh": "true"}, "images": ["deis/logspout:v1.13.4", "deis/publisher:v1.13.4", "deis/store-daemon:v1.13.4", "deis/store-monitor:v1.13.4"]}
  ],
  "units": [
   {"name": "deis-builder.service", "machine": "0f3e8b7a4c5d4e2f9a1b2c3d4e5f6a7b", "active": "active", "sub": "running"},
   {"name": "deis-controller.service", "machine": "5a1c9d02e3f44a5b8c6d7e8f9a0b1c2d", "active": "active", "sub": "running"},
   {"name": "deis-database.service", "machine": "7b4e1f9c0d2a4b6e8f1a3c5e7d9b2f4a", "active": "active", "sub": "running"},
   {"name": "deis-logger.service", "machine": "8c2d7e4f1a9b4c3d5e6f7a8b9c0d1e2f", "active": "active", "sub": "running"},
   {"name": "deis-logspout.service", "machine": "0f3e8b7a4c5d4e2f9a1b2c3d4e5f6a7b", "active": "active", "sub": "running"},
   {"name": "deis-logspout.service", "machine": "5a1c9d02e3f44a5b8c6d7e8f9a0b1c2d", "active": "active", "sub": "running"},
   {"name": "deis-logspout.service", "machine": "7b4e1f9c0d2a4b6e8f1a3c5e7d9b2f4a", "active": "active", "sub": "running"},
   {"name": "deis-logspout.service", "machine": "8c2d7e4f1a9b4c3d5e6f7a8b9c0d1e2f", "active": "active", "sub": "running"},
   {"name": "deis-logspout.service", "machine": "9d5f2a8e3b7c4d1e6f0a2b4c6d8e0f1a", "active": "active", "sub": "running"},
   {"name": "deis-logspout.service", "machine": "a6e3c9f1b8d24e7a9c5f1d3b7e2a4c6e", "active": "active", "sub": "running"},
   {"name": "deis-logspout.service", "machine": "c7e2aa41b2c34d5e6f708192a3b4c5d6", "active": "active", "sub": "running"},
   {"name": "deis-publisher.service", "machine": "0f3e8b7a4c5d4e2f9a1b2c3d4e5f6a7b", "active": "active", "sub": "running"},
   {"name": "deis-publisher.service", "machine": "5a1c9d02e3f44a5b8c6d7e8f9a0b1c2d", "active": "active", "sub": "running"},
   {"name": "deis-publisher.service", "machine": "7b4e1f9c0d2a4b6e8f1a3c5e7d9b2f4a", "active": "active", "sub": "running"},
   {"name": "deis-publisher.service", "machine": "8c2d7e4f1a9b4c3d5e6f7a8b9c0d1e2f", "active": "active", "sub": "running"},
   {"name": "deis-publisher.service", "machine": "9d5f2a8e3b7c4d1e6f0a2b4c6d8e0f1a", "active": "active", "sub": "running"},
   {"name": "deis-publisher.service", "machine": "a6e3c9f1b8d24e7a9c5f1d3b7e2a4c6e", "active": "active", "sub": "running"},
   {"name": "deis-publisher.service", "machine": "c7e2aa41b2c34d5e6f708192a3b4c5d6", "active": "active", "sub": "running"},
   {"name": "deis-registry@1.service", "machine": "0f3e8b7a4c5d4e2f9a1b2c3d4e5f6a7b", "active": "active", "sub": "running"},
   {"name": "deis-router@1.service", "machine": "5a1c9d02e3f44a5b8c6d7e8f9a0b1c2d", "active": "active", "sub": "running"},
   {"name": "deis-store-admin.service", "machine": "9d5f2a8e3b7c4d1e6f0a2b4c6d8e0f1a", "active": "active", "sub": "running"},
   {"name": "deis-store-daemon.service", "machine": "0f3e8b7a4c5d4e2f9a1b2c3d4e5f6a7b", "active": "active", "sub": "running"},
   {"name": "deis-store-daemon.service", "machine": "5a1c9d02e3f44a5b8c6d7e8f9a0b1c2d", "active": "active", "sub": "running"},
   {"name": "deis-store-daemon.service", "machine": "7b4e1f9c0d2a4b6e8f1a3c5e7d9b2f4a", "active": "active", "sub": "running"},
   {"name": "deis-store-daemon.service", "machine": "8c2d7e4f1a9b4c3d5e6f7a8b9c0d1e2f", "active": "active", "sub": "running"},
   {"name": "deis-store-daemon.service", "machine": "9d5f2a8e3b7c4d1e6f0a2b4c6d8e0f1a", "active": "active", "sub": "running"},
   {"name": "deis-store-daemon.service", "machine": "a6e3c9f1b8d24e7a9c5f1d3b7e2a4c6e", "active": "active", "sub": "running"},
   {"name": "deis-store-daemon.service", "machine": "c7e2aa41b2c34d5e6f708192a3b4c5d6", "active": "active", "sub": "running"},
   {"name": "deis-store-gateway@1.service", "machine": "7b4e1f9c0d2a4b6e8f1a3c5e7d9b2f4a", "active": "active", "sub": "running"},
   {"name": "deis-store-monitor.service", "machine": "0f3e8b7a4c5d4e2f9a1b2c3d4e5f6a7b", "active": "active", "sub": "running"},
   {"name": "deis-store-monitor.service", "machine": "5a1c9d02e3f44a5b8c6d7e8f9a0b1c2d", "active": "active", "sub": "running"},
   {"name": "deis-store-monitor.service", "machine": "7b4e1f9c0d2a4b6e8f1a3c5e7d9b2f4a", "active": "active", "sub": "running"},
   {"name": "deis-store-monitor.service", "machine": "8c2d7e4f1a9b4c3d5e6f7a8b9c0d1e2f", "active": "active", "sub": "running"},
   {"name": "deis-store-monitor.service", "machine": "9d5f2a8e3b7c4d1e6f0a2b4c6d8e0f1a", "active": "active", "sub": "running"},
   {"name": "deis-store-monitor.service", "machine": "a6e3c9f1b8d24e7a9c5f1d3b7e2a4c6e", "active": "active", "sub": "running"},
   {"name": "deis-store-monitor.service", "machine": "c7e2aa41b2c34d5e6f708192a3b4c5d6", "active": "active", "sub": "running"}
  ],
  "templates": {
   "deis-router@.service": {"conflicts": "deis-router@*.service", "metadata": {"routerMesh": "true"}},
   "deis-registry@.service": {"conflicts": "deis-registry@*.service", "metadata": {"controlPlane": "true"}},
   "deis-store-gateway@.service": {"conflicts": "deis-store-gateway@*.service", "metadata": {"controlPlane": "true"}}
  },
  "preseedImages": ["deis/builder:v1.13.4", "deis/controller:v1.13.4", "deis/database:v1.13.4", "deis/logger:v1.13.4", "deis/logspout:v1.13.4", "deis/publisher:v1.13.4", "deis/registry:v1.13.4", "deis/router:v1.13.4", "deis/store-admin:v1.13.4", "deis/store-daemon:v1.13.4", "deis/store-gateway:v1.13.4", "deis/store-monitor:v1.13.4"]
 }
}
"""#
}
