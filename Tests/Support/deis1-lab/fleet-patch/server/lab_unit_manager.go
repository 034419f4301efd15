// shipshape test lab: picks fleetd's unit manager. Not part of upstream fleet.
//
// scripts/build-deis1-tools copies this file into the unpacked fleet-1.0.0/server/, and
// server.patch makes server.New call newUnitManager instead of systemd.NewSystemdUnitManager.
// The choice lives here, in the server package, because package unit cannot import package
// systemd (systemd imports unit). Without FLEETD_UNIT_MANAGER the behaviour is upstream's.

package server

import (
	"fmt"
	"os"

	"github.com/coreos/fleet/config"
	"github.com/coreos/fleet/log"
	"github.com/coreos/fleet/systemd"
	"github.com/coreos/fleet/unit"
)

func newUnitManager(cfg config.Config) (unit.UnitManager, error) {
	switch kind := os.Getenv("FLEETD_UNIT_MANAGER"); kind {
	case "", "systemd":
		return systemd.NewSystemdUnitManager(cfg.UnitsDirectory, cfg.SystemdUser)
	case "memory":
		log.Infof("Using the in-memory unit manager (FLEETD_UNIT_MANAGER=memory): units are recorded, never run")
		return unit.NewMemoryUnitManager(os.Getenv("FLEETD_MEMORY_STATE_FILE"), os.Getenv("FLEETD_MEMORY_FAIL")), nil
	default:
		return nil, fmt.Errorf("FLEETD_UNIT_MANAGER=%q: expected systemd or memory", kind)
	}
}
