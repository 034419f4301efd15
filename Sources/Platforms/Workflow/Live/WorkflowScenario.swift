import ShipshapeCore
import ShipshapeRunner
import PlatformKit
import WorkflowRules
import WorkflowPanes
import KubernetesRules
import EtcdRules
import KubernetesKit
import EtcdPlatform
/// The bundled Deis Workflow demo: one router replica that does not enforce HTTPS,
/// registration `enabled`, in-cluster Minio, Grafana sign-ups on, one NotReady node, and a
/// registry proxy on `hostPort` 5555 whose pods are not all Ready (the CNI symptom). Same format as the
/// Kubernetes API test server's state file, so tests can serve it to real kubectl.
enum WorkflowScenario {
    static let json = #"""
{
 "objects": {
  "/apis/apps/v1/namespaces/deis/daemonsets": [
   {
    "metadata": {"name": "deis-registry-proxy", "namespace": "deis", "labels": {"heritage": "deis"}},
    "spec": {"selector": {"matchLabels": {"app": "deis-registry-proxy"}},
             "template": {"metadata": {"labels": {"app": "deis-registry-proxy"}},
                          "spec": {"containers": [{"name": "deis-registry-proxy", "image": "quay.io/deis/registry-proxy:v1.4.0",
                                                   "env": [{"name": "REGISTRY_HOST", "value": "$(DEIS_REGISTRY_SERVICE_HOST)"}],
                                                   "ports": [{"containerPort": 80, "hostPort": 5555}]}]}}},
    "status": {"desiredNumberScheduled": 3, "currentNumberScheduled": 3, "numberReady": 1, "numberAvailable": 1}
   }
  ],
  "/apis/batch/v1/cronjobs": [
   {
    "metadata": {"name": "deis-database-backup", "namespace": "deis", "labels": {"app": "deis-database"}},
    "spec": {"schedule": "0 3 * * *", "suspend": false},
    "status": {"lastScheduleTime": "2026-11-20T03:00:00Z", "lastSuccessfulTime": "2026-11-18T03:04:12Z"}
   }
  ],
  "/api/v1/namespaces/deis/pods": [
   {"metadata": {"name": "deis-registry-proxy-4kq7d", "namespace": "deis", "labels": {"app": "deis-registry-proxy"}},
    "spec": {"nodeName": "demo-node-1"}, "status": {"phase": "Running", "conditions": [{"type": "Ready", "status": "True"}]}},
   {"metadata": {"name": "deis-registry-proxy-9xw2m", "namespace": "deis", "labels": {"app": "deis-registry-proxy"}},
    "spec": {"nodeName": "demo-node-2"}, "status": {"phase": "Running", "conditions": [{"type": "Ready", "status": "False", "reason": "ContainersNotReady"}]}},
   {"metadata": {"name": "deis-registry-proxy-c5t8p", "namespace": "deis", "labels": {"app": "deis-registry-proxy"}},
    "spec": {"nodeName": "demo-node-3"}, "status": {"phase": "Running", "conditions": [{"type": "Ready", "status": "False", "reason": "ContainersNotReady"}]}},
   {
    "metadata": {
     "labels": {
      "app": "deis-router"
     },
     "name": "deis-router-6c9f7d8b5-x2x4q",
     "namespace": "deis"
    },
    "spec": {
     "nodeName": "demo-node-1"
    },
    "status": {
     "conditions": [
      {
       "status": "True",
       "type": "Ready"
      }
     ],
     "phase": "Running"
    }
   }
  ],
  "/api/v1/namespaces/deis/secrets": [
   {
    "data": {
     "accesskey": "ZGVtby1hY2Nlc3M=",
     "secretkey": "ZGVtby1zZWNyZXQ="
    },
    "metadata": {
     "annotations": {
      "deis.io/objectstorage": "minio"
     },
     "name": "objectstorage-keyfile",
     "namespace": "deis"
    },
    "type": "Opaque"
   },
   {
    "data": {
     "tls.crt": "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSURHVENDQWdHZ0F3SUJBZ0lVWmhNNC9HK1plZmoyazRpekxUK3JJa1hyY0Vzd0RRWUpLb1pJaHZjTkFRRUwKQlFBd0hERWFNQmdHQTFVRUF3d1JaR1ZwY3k1a1pXMXZMbVY0WVcxd2JHVXdIaGNOTWpZeE1USTFNVEV5TWpJeApXaGNOTkRZeE1USXdNVEV5TWpJeFdqQWNNUm93R0FZRFZRUUREQkZrWldsekxtUmxiVzh1WlhoaGJYQnNaVENDCkFTSXdEUVlKS29aSWh2Y05BUUVCQlFBRGdnRVBBRENDQVFvQ2dnRUJBTDZJbVY4T0Y1Mkx4QkpENDVvU3Z3U2sKMlBXTzk1SGtQMEJHTlJaNlVNbzlYY3k0Y3EwbTFzamhCRzJyM1p5S1Z4czZ0L2tvSkN1eHJiY1JBUCtxcStTOQpWeWdJTDNzKzV3ZXZHdU1PUDV6QkludWlocEhDVlFLdGNram9sMlZobm83K2Rab0lySCtKSUhMZm9RZFlRZlVPCkJRZFdxNlZCTDViNkZpUGMvcGx4MVhsQkF6VG9oUlVsTWhZNkxGek1iTkkrTjRGanFnUUQxNUY3d1dTYitpYTEKK1FabGFqWCtuSnp1R1h0RFlSM1ZMRGh0YXRtUnh6REE3NS85RUxyOWk5Z1pWMU1BQnNNbWdjQTFaQngzWVZadgphblhVWWsrWWczRDR6UVM3ekhkMzdnOW1TR0NPTGNYNnVLOUlvRDZxZHBwaGlXTnJkM2Z5VnFla1RMZWgzdU1DCkF3RUFBYU5UTUZFd0hRWURWUjBPQkJZRUZKaGhtZVh2WGpKYjQ0MGIydjV2OFJmck1WK0hNQjhHQTFVZEl3UVkKTUJhQUZKaGhtZVh2WGpKYjQ0MGIydjV2OFJmck1WK0hNQThHQTFVZEV3RUIvd1FGTUFNQkFmOHdEUVlKS29aSQpodmNOQVFFTEJRQURnZ0VCQURCazNwb0dGQzNVS3dsMlNlbkR6R1BmK1JWenpJVzhtaDBKR1ZGRkRQTFlCVUFVCjJvV2FQejAwa1hzaWFsUFpaSlpDWTEwOEV4NUNBd2EvbkJTTFBGMzF0WG9INHRQN3Jwc0xIZHNUYm9DV3EvQUIKR1ZwQiswRTdOTXZpUkd6V0ZxclU2ODVJRjh1bS9rNFZuY295VkFLR1NDd1ZmbWRzTmJpdVcwQnV4MUVvYWxETApZNm9weVpoOGtNTVM2cStBL0t6bWtzMTBSVFVkdWgxb2FNeWxWY1RNd2VoRUIyWHhKUTRFMnNkRGYxQ2RCZmJTCkVaMnFqam5KU0trVzU4R1FQSlFrY1VUNWcrWnVaWDQxbmdxNzlqSlN4UTh4MGNHQjdEVTN2bFJVUXhWSWJLZlgKZW1aMjhPTFJiSGtDMVpvRU5ZSm9ZYWo3ekhZdUt4NHpZWU5tUlNzPQotLS0tLUVORCBDRVJUSUZJQ0FURS0tLS0tCg==",
     "tls.key": "bm90LWEtcmVhbC1rZXk="
    },
    "metadata": {
     "name": "deis-router-platform-cert",
     "namespace": "deis"
    },
    "type": "kubernetes.io/tls"
   }
  ],
  "/api/v1/nodes": [
   {
    "metadata": {
     "labels": {
      "kubernetes.io/hostname": "demo-node-1",
      "node-role.kubernetes.io/control-plane": ""
     },
     "name": "demo-node-1"
    },
    "status": {
     "capacity": {
      "cpu": "4",
      "memory": "16386156Ki",
      "pods": "110"
     },
     "conditions": [
      {
       "reason": "KubeletReady",
       "status": "True",
       "type": "Ready"
      }
     ],
     "nodeInfo": {
      "kubeletVersion": "v1.32.4"
     }
    }
   },
   {
    "metadata": {
     "labels": {
      "kubernetes.io/hostname": "demo-node-2"
     },
     "name": "demo-node-2"
    },
    "status": {
     "capacity": {
      "cpu": "4",
      "memory": "16386156Ki",
      "pods": "110"
     },
     "conditions": [
      {
       "reason": "KubeletReady",
       "status": "True",
       "type": "Ready"
      }
     ],
     "nodeInfo": {
      "kubeletVersion": "v1.32.4"
     }
    }
   },
   {
    "metadata": {
     "labels": {
      "kubernetes.io/hostname": "demo-node-3"
     },
     "name": "demo-node-3"
    },
    "status": {
     "capacity": {
      "cpu": "4",
      "memory": "16386156Ki",
      "pods": "110"
     },
     "conditions": [
      {
       "reason": "KubeletNotReady",
       "status": "False",
       "type": "Ready"
      }
     ],
     "nodeInfo": {
      "kubeletVersion": "v1.32.4"
     }
    }
   }
  ],
  "/apis/apps/v1/namespaces/deis/deployments": [
   {
    "metadata": {
     "generation": 1,
     "labels": {
      "app": "deis-router",
      "heritage": "deis"
     },
     "name": "deis-router",
     "namespace": "deis",
     "resourceVersion": "1"
    },
    "spec": {
     "replicas": 1,
     "selector": {
      "matchLabels": {
       "app": "deis-router"
      }
     },
     "template": {
      "metadata": {
       "labels": {
        "app": "deis-router"
       }
      },
      "spec": {
       "containers": [
        {
         "env": [
          {
           "name": "POD_NAMESPACE",
           "value": "deis"
          }
         ],
         "image": "deis/router:v2.18.0",
         "name": "deis-router"
        }
       ]
      }
     }
    },
    "status": {
     "availableReplicas": 1,
     "observedGeneration": 1,
     "readyReplicas": 1,
     "replicas": 1,
     "updatedReplicas": 1
    }
   },
   {
    "metadata": {
     "generation": 1,
     "labels": {
      "app": "deis-controller",
      "heritage": "deis"
     },
     "name": "deis-controller",
     "namespace": "deis",
     "resourceVersion": "1"
    },
    "spec": {
     "replicas": 1,
     "selector": {
      "matchLabels": {
       "app": "deis-controller"
      }
     },
     "template": {
      "metadata": {
       "labels": {
        "app": "deis-controller"
       }
      },
      "spec": {
       "containers": [
        {
         "env": [
          {
           "name": "REGISTRATION_MODE",
           "value": "enabled"
          },
          {
           "name": "APP_STORAGE",
           "value": "minio"
          },
          {
           "name": "DEIS_DATABASE_PASSWORD",
           "valueFrom": {
            "secretKeyRef": {
             "key": "password",
             "name": "database-creds"
            }
           }
          }
         ],
         "image": "deis/controller:v2.18.0",
         "name": "deis-controller"
        }
       ]
      }
     }
    },
    "status": {
     "availableReplicas": 1,
     "observedGeneration": 1,
     "readyReplicas": 1,
     "replicas": 1,
     "updatedReplicas": 1
    }
   },
   {
    "metadata": {
     "generation": 1,
     "labels": {
      "app": "deis-monitor-grafana",
      "heritage": "deis"
     },
     "name": "deis-monitor-grafana",
     "namespace": "deis",
     "resourceVersion": "1"
    },
    "spec": {
     "replicas": 1,
     "selector": {
      "matchLabels": {
       "app": "deis-monitor-grafana"
      }
     },
     "template": {
      "metadata": {
       "labels": {
        "app": "deis-monitor-grafana"
       }
      },
      "spec": {
       "containers": [
        {
         "env": [
          {
           "name": "ALLOW_SIGN_UP",
           "value": "true"
          },
          {
           "name": "BIND_PORT",
           "value": "3500"
          },
          {
           "name": "DEFAULT_USER",
           "value": "admin"
          }
         ],
         "image": "deis/monitor-grafana:v2.18.0",
         "name": "deis-monitor-grafana"
        }
       ]
      }
     }
    },
    "status": {
     "availableReplicas": 1,
     "observedGeneration": 1,
     "readyReplicas": 1,
     "replicas": 1,
     "updatedReplicas": 1
    }
   },
   {
    "metadata": {
     "generation": 1,
     "labels": {
      "app": "deis-minio",
      "heritage": "deis"
     },
     "name": "deis-minio",
     "namespace": "deis",
     "resourceVersion": "1"
    },
    "spec": {
     "replicas": 1,
     "selector": {
      "matchLabels": {
       "app": "deis-minio"
      }
     },
     "template": {
      "metadata": {
       "labels": {
        "app": "deis-minio"
       }
      },
      "spec": {
       "containers": [
        {
         "env": [],
         "image": "deis/minio:v2.18.0",
         "name": "deis-minio"
        }
       ]
      }
     }
    },
    "status": {
     "availableReplicas": 1,
     "observedGeneration": 1,
     "readyReplicas": 1,
     "replicas": 1,
     "updatedReplicas": 1
    }
   },
   {
    "metadata": {
     "generation": 1,
     "labels": {
      "app": "deis-builder",
      "heritage": "deis"
     },
     "name": "deis-builder",
     "namespace": "deis",
     "resourceVersion": "1"
    },
    "spec": {
     "replicas": 1,
     "selector": {
      "matchLabels": {
       "app": "deis-builder"
      }
     },
     "template": {
      "metadata": {
       "labels": {
        "app": "deis-builder"
       }
      },
      "spec": {
       "containers": [
        {
         "env": [],
         "image": "deis/builder:v2.18.0",
         "name": "deis-builder"
        }
       ]
      }
     }
    },
    "status": {
     "availableReplicas": 1,
     "observedGeneration": 1,
     "readyReplicas": 1,
     "replicas": 1,
     "updatedReplicas": 1
    }
   },
   {
    "metadata": {
     "generation": 1,
     "labels": {
      "app": "deis-database",
      "heritage": "deis"
     },
     "name": "deis-database",
     "namespace": "deis",
     "resourceVersion": "1"
    },
    "spec": {
     "replicas": 1,
     "selector": {
      "matchLabels": {
       "app": "deis-database"
      }
     },
     "template": {
      "metadata": {
       "labels": {
        "app": "deis-database"
       }
      },
      "spec": {
       "containers": [
        {
         "env": [],
         "image": "deis/database:v2.18.0",
         "name": "deis-database"
        }
       ]
      }
     }
    },
    "status": {
     "availableReplicas": 1,
     "observedGeneration": 1,
     "readyReplicas": 1,
     "replicas": 1,
     "updatedReplicas": 1
    }
   },
   {
    "metadata": {
     "generation": 1,
     "labels": {
      "app": "deis-registry",
      "heritage": "deis"
     },
     "name": "deis-registry",
     "namespace": "deis",
     "resourceVersion": "1"
    },
    "spec": {
     "replicas": 1,
     "selector": {
      "matchLabels": {
       "app": "deis-registry"
      }
     },
     "template": {
      "metadata": {
       "labels": {
        "app": "deis-registry"
       }
      },
      "spec": {
       "containers": [
        {
         "env": [],
         "image": "deis/registry:v2.18.0",
         "name": "deis-registry"
        }
       ]
      }
     }
    },
    "status": {
     "availableReplicas": 1,
     "observedGeneration": 1,
     "readyReplicas": 1,
     "replicas": 1,
     "updatedReplicas": 1
    }
   }
  ],
  "/apis/rbac.authorization.k8s.io/v1/clusterroles": [
   {
    "metadata": {
     "name": "deis:deis-controller"
    }
   },
   {
    "metadata": {
     "name": "deis:deis-router"
    }
   },
   {
    "metadata": {
     "name": "cluster-admin"
    }
   }
  ]
 }
}
"""#
}
