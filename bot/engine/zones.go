package engine

import (
	"sync"
	"time"

	"github.com/interviewbot/interviewbot/bot"
)

// zoneCache keeps the zones loaded, by their IANA name. time.LoadLocation
// reads and parses the zone's file each time (from the system's zoneinfo,
// else the embedded copy), and one /next or push needs a zone several
// times. Only zones asked for by their exact IANA name are kept, so the
// cache holds at most one entry per zone, whatever people type.
type zoneCache struct {
	mu    sync.RWMutex
	zones map[string]*time.Location
}

// load returns the zone named name, as LoadZone does.
func (z *zoneCache) load(name string) (*time.Location, error) {
	z.mu.RLock()
	loc, ok := z.zones[name]
	z.mu.RUnlock()
	if ok {
		return loc, nil
	}
	loc, err := bot.LoadZone(name)
	if err != nil || loc.String() != name {
		return loc, err
	}
	z.mu.Lock()
	defer z.mu.Unlock()
	if z.zones == nil {
		z.zones = make(map[string]*time.Location)
	}
	z.zones[name] = loc
	return loc, nil
}
