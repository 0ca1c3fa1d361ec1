package keycloak

import (
	"context"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
)

// memo keeps, for one run of the engine (the provider process lives as long as one plan or
// apply), what every customer's resources would otherwise read again: the realm's client scopes
// and roles, the same for thousands of clients, and a client's scope lists, which the client's
// own representation carries. At 10,000 customers those reads were a third of a refresh's
// requests. Every write through the Client forgets what it may have changed (see forget); a
// change made by someone else during the run is found by the next run, as one made right after
// a read would be.
type memo struct {
	mu           sync.Mutex
	scopeIDs     map[string]map[string]string // realm (as in a path) → client scope name → id
	roles        map[string]map[string]Rep    // realm (as in a path) → role id → role
	clientScopes map[string]*clientScopeLists // the client's path → its lists
}

// clientScopeLists are a client's default and optional scope names from one read of the client;
// each list is handed out once (TakeClientScopes), to the resource that manages it.
type clientScopeLists struct {
	lists map[string][]string // "default" or "optional" → scope names
	taken map[string]bool
}

// forget drops what a write of method to path (from Path) may have changed: the realm's scopes or
// roles, a client's scope lists (only the list written, for a write to one of them), or everything
// of a realm written whole.
func (m *memo) forget(method, path string) {
	if method == http.MethodGet {
		return
	}
	p, _, _ := strings.Cut(strings.TrimPrefix(path, "/admin/realms/"), "?")
	realm, rest, _ := strings.Cut(p, "/")
	m.mu.Lock()
	defer m.mu.Unlock()
	if rest == "" {
		delete(m.scopeIDs, realm)
		delete(m.roles, realm)
		for key := range m.clientScopes {
			if strings.HasPrefix(key, "/admin/realms/"+realm+"/") {
				delete(m.clientScopes, key)
			}
		}
		return
	}
	if strings.HasPrefix(rest, "client-scopes") {
		delete(m.scopeIDs, realm)
	}
	if strings.HasPrefix(rest, "roles") || strings.Contains(rest, "/roles") {
		delete(m.roles, realm)
	}
	if client, ok := strings.CutPrefix(rest, "clients/"); ok {
		id, under, _ := strings.Cut(client, "/")
		key := "/admin/realms/" + realm + "/clients/" + id
		// Attaching or detaching a scope of one kind leaves the other kind's list as it was.
		if kind, ok := strings.CutSuffix(strings.Split(under, "/")[0], "-client-scopes"); ok && m.clientScopes[key] != nil {
			m.clientScopes[key].taken[kind] = true
			return
		}
		delete(m.clientScopes, key)
	}
}

// ReadClient reads the client with internal id `id` of realm and keeps its scope lists for the
// resources that manage them (TakeClientScopes).
func (c *Client) ReadClient(ctx context.Context, realm, id string) (Rep, error) {
	path := Path(realm, "clients", id)
	var rep Rep
	if err := c.Get(ctx, path, &rep); err != nil {
		return nil, err
	}
	_, hasDefaults := rep["defaultClientScopes"]
	_, hasOptionals := rep["optionalClientScopes"]
	if !hasDefaults || !hasOptionals { // a Keycloak whose client representation lacks them
		return rep, nil
	}
	c.memo.mu.Lock()
	defer c.memo.mu.Unlock()
	if c.memo.clientScopes == nil {
		c.memo.clientScopes = map[string]*clientScopeLists{}
	}
	c.memo.clientScopes[path] = &clientScopeLists{
		lists: map[string][]string{"default": rep.Strings("defaultClientScopes"), "optional": rep.Strings("optionalClientScopes")},
		taken: map[string]bool{},
	}
	return rep, nil
}

// TakeClientScopes hands out the names of the client's scopes of kind ("default" or "optional")
// and of the other kind, as the latest ReadClient of it found them, once; ok is false when no read
// since the client's last write holds them.
func (c *Client) TakeClientScopes(realm, clientID, kind string) (mine, other []string, ok bool) {
	c.memo.mu.Lock()
	defer c.memo.mu.Unlock()
	read := c.memo.clientScopes[Path(realm, "clients", clientID)]
	if read == nil || read.taken[kind] {
		return nil, nil, false
	}
	read.taken[kind] = true
	otherKind := "optional"
	if kind == "optional" {
		otherKind = "default"
	}
	return slices.Clone(read.lists[kind]), slices.Clone(read.lists[otherKind]), true
}

// ClientScopeIDs maps the names of the realm's client scopes to their ids: read once, and again
// when asked for a name it lacks (a scope made since, by someone else).
func (c *Client) ClientScopeIDs(ctx context.Context, realm string, names ...string) (map[string]string, error) {
	key := url.PathEscape(realm)
	c.memo.mu.Lock()
	ids := c.memo.scopeIDs[key]
	c.memo.mu.Unlock()
	if ids != nil && !slices.ContainsFunc(names, func(name string) bool { _, ok := ids[name]; return !ok }) {
		return ids, nil
	}
	var scopes []Rep
	if err := c.Get(ctx, Path(realm, "client-scopes"), &scopes); err != nil {
		return nil, err
	}
	ids = make(map[string]string, len(scopes))
	for _, s := range scopes {
		ids[s.String("name")] = s.String("id")
	}
	c.memo.mu.Lock()
	defer c.memo.mu.Unlock()
	if c.memo.scopeIDs == nil {
		c.memo.scopeIDs = map[string]map[string]string{}
	}
	c.memo.scopeIDs[key] = ids
	return ids, nil
}

// RoleByID returns a realm or client role; for a client role, containerId is the client's id.
// A role found is kept for the run: every customer's service account is given the same few.
func (c *Client) RoleByID(ctx context.Context, realm, id string) (Rep, error) {
	key := url.PathEscape(realm)
	c.memo.mu.Lock()
	role, ok := c.memo.roles[key][id]
	c.memo.mu.Unlock()
	if ok {
		return maps.Clone(role), nil
	}
	if err := c.Get(ctx, Path(realm, "roles-by-id", id), &role); err != nil {
		return nil, err
	}
	c.memo.mu.Lock()
	defer c.memo.mu.Unlock()
	if c.memo.roles == nil {
		c.memo.roles = map[string]map[string]Rep{}
	}
	if c.memo.roles[key] == nil {
		c.memo.roles[key] = map[string]Rep{}
	}
	c.memo.roles[key][id] = maps.Clone(role)
	return role, nil
}
