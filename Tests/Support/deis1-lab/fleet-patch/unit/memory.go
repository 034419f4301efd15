// shipshape test lab: an in-memory unit.UnitManager for fleetd.
//
// Not part of upstream fleet. scripts/build-deis1-tools copies this file into the unpacked
// fleet-1.0.0/unit/ (package unit, next to FakeUnitManager) and server/lab_unit_manager.go
// selects it when FLEETD_UNIT_MANAGER=memory. It stands in for systemd so that fleetd runs
// where there is no systemd (`dial unix /run/systemd/private`), several to a host.
//
// Why not FakeUnitManager: it reports every unit as running and leaves UnitHash empty. The
// agent compares the hash a unit manager reports with the hash of the unit in the registry
// and, on a mismatch, unloads and reloads the unit: with an empty hash it does so forever.
// This manager keeps what systemdUnitManager keeps (each loaded unit's contents and hash) and
// what systemd itself would keep (whether the unit was started), nothing more.

package unit

import (
	"encoding/json"
	"fmt"
	"io/ioutil"
	"os"
	"path/filepath"
	"sort"
	"sync"

	"github.com/coreos/fleet/pkg"
)

// memoryUnit is one loaded unit: its file, as fleet handed it over, and its systemd states.
type memoryUnit struct {
	Contents    string
	Hash        Hash
	ActiveState string
	SubState    string
}

type MemoryUnitManager struct {
	mutex sync.RWMutex
	units map[string]*memoryUnit
	// stateFile, when set (FLEETD_MEMORY_STATE_FILE), is rewritten after every change with the
	// units this machine holds, so a test can see one machine's view without asking fleet.
	stateFile string
	// failPattern, when set (FLEETD_MEMORY_FAIL, a filepath.Match glob on unit names), makes
	// matching units fail on start (failed/failed), as a unit whose ExecStart exits non-zero
	// would: tests of failed units need some, and nothing here really executes.
	failPattern string
}

func NewMemoryUnitManager(stateFile, failPattern string) *MemoryUnitManager {
	m := &MemoryUnitManager{units: map[string]*memoryUnit{}, stateFile: stateFile, failPattern: failPattern}
	m.save()
	return m
}

// Load records the unit file and its hash. A new unit is loaded/inactive/dead, as systemd
// reports a linked but not started unit. Loading a unit that is already there (new contents
// after a `fleetctl submit` of a changed file) keeps its running state: systemd's daemon-reload
// does not stop a unit whose file changed.
func (m *MemoryUnitManager) Load(name string, u UnitFile) error {
	m.mutex.Lock()
	defer m.mutex.Unlock()
	if existing, ok := m.units[name]; ok {
		existing.Contents = u.String()
		existing.Hash = u.Hash()
	} else {
		m.units[name] = &memoryUnit{Contents: u.String(), Hash: u.Hash(), ActiveState: "inactive", SubState: "dead"}
	}
	m.saveLocked()
	return nil
}

// Unload forgets the unit, as systemdUnitManager removes the file and the hash. The agent
// only unloads after a successful TriggerStop, so the unit is already stopped here.
func (m *MemoryUnitManager) Unload(name string) error {
	m.mutex.Lock()
	defer m.mutex.Unlock()
	delete(m.units, name)
	m.saveLocked()
	return nil
}

// ReloadUnitFiles is systemd's daemon-reload: the files here are always current.
func (m *MemoryUnitManager) ReloadUnitFiles() error { return nil }

// TriggerStart marks the unit active/running at once (systemd passes through activating, which
// fleet would only publish if it happened to sample it). Like systemd's StartUnit, it fails for
// a unit that is not loaded.
func (m *MemoryUnitManager) TriggerStart(name string) error {
	m.mutex.Lock()
	defer m.mutex.Unlock()
	u, ok := m.units[name]
	if !ok {
		return fmt.Errorf("Unit %s not found.", name)
	}
	if matched, _ := filepath.Match(m.failPattern, name); m.failPattern != "" && matched {
		u.ActiveState, u.SubState = "failed", "failed"
	} else {
		u.ActiveState, u.SubState = "active", "running"
	}
	m.saveLocked()
	return nil
}

// TriggerStop marks the unit inactive/dead. Like systemd's StopUnit it fails for a unit that is
// not loaded; the agent then skips the Unload, which is right since there is nothing to unload.
func (m *MemoryUnitManager) TriggerStop(name string) error {
	m.mutex.Lock()
	defer m.mutex.Unlock()
	u, ok := m.units[name]
	if !ok {
		return fmt.Errorf("Unit %s not loaded.", name)
	}
	u.ActiveState, u.SubState = "inactive", "dead"
	m.saveLocked()
	return nil
}

// Units lists the loaded units, as systemdUnitManager lists its units directory.
func (m *MemoryUnitManager) Units() ([]string, error) {
	m.mutex.RLock()
	defer m.mutex.RUnlock()
	names := make([]string, 0, len(m.units))
	for name := range m.units {
		names = append(names, name)
	}
	sort.Strings(names)
	return names, nil
}

// state is what systemd's GetUnitProperties/ListUnitsByNames would report, plus the hash the
// way systemdUnitManager adds it. A unit systemd does not know is not-found/inactive/dead, with
// no hash.
func (m *MemoryUnitManager) state(name string) *UnitState {
	u, ok := m.units[name]
	if !ok {
		return &UnitState{LoadState: "not-found", ActiveState: "inactive", SubState: "dead", UnitName: name}
	}
	return &UnitState{LoadState: "loaded", ActiveState: u.ActiveState, SubState: u.SubState, UnitHash: u.Hash.String(), UnitName: name}
}

func (m *MemoryUnitManager) GetUnitState(name string) (*UnitState, error) {
	m.mutex.RLock()
	defer m.mutex.RUnlock()
	return m.state(name), nil
}

// GetUnitStates answers for every name in the filter, known or not, as ListUnitsByNames does
// on systemd >= 230 (the path systemdUnitManager takes first).
func (m *MemoryUnitManager) GetUnitStates(filter pkg.Set) (map[string]*UnitState, error) {
	m.mutex.RLock()
	defer m.mutex.RUnlock()
	states := make(map[string]*UnitState)
	for _, name := range filter.Values() {
		states[name] = m.state(name)
	}
	return states, nil
}

// MarshalJSON serves fleetd's SIGUSR1 state dump and the state file.
func (m *MemoryUnitManager) MarshalJSON() ([]byte, error) {
	m.mutex.RLock()
	defer m.mutex.RUnlock()
	return m.marshalLocked()
}

func (m *MemoryUnitManager) marshalLocked() ([]byte, error) {
	out := map[string]map[string]string{}
	for name, u := range m.units {
		out[name] = map[string]string{"hash": u.Hash.String(), "active": u.ActiveState, "sub": u.SubState, "contents": u.Contents}
	}
	return json.Marshal(map[string]interface{}{"units": out})
}

func (m *MemoryUnitManager) save() {
	m.mutex.RLock()
	defer m.mutex.RUnlock()
	m.saveLocked()
}

// saveLocked writes the state file atomically (temp file + rename), so a reader never sees
// half a file. Errors are ignored: the file is an aid for tests, fleet does not depend on it.
func (m *MemoryUnitManager) saveLocked() {
	if m.stateFile == "" {
		return
	}
	data, err := m.marshalLocked()
	if err != nil {
		return
	}
	temporary := m.stateFile + ".tmp"
	if ioutil.WriteFile(temporary, data, 0644) == nil {
		os.Rename(temporary, m.stateFile)
	}
}

var _ UnitManager = (*MemoryUnitManager)(nil)
