package keycloak

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
)

// notFound is the error for a lookup by name that matched nothing, shaped like a 404 so
// that callers can treat both alike.
func notFound(method, path, what string) error {
	return &Error{Method: method, Path: path, Status: http.StatusNotFound, Message: what + " not found"}
}

// FindClient returns the client whose clientId is clientID.
func (c *Client) FindClient(ctx context.Context, realm, clientID string) (Rep, error) {
	path := Path(realm, "clients") + "?" + url.Values{"clientId": {clientID}}.Encode()
	var clients []Rep
	if err := c.Get(ctx, path, &clients); err != nil {
		return nil, err
	}
	for _, client := range clients {
		if client.String("clientId") == clientID {
			return client, nil
		}
	}
	return nil, notFound(http.MethodGet, path, fmt.Sprintf("client %q", clientID))
}

// ClientScopeIDs maps the names of the realm's client scopes to their ids.
func (c *Client) ClientScopeIDs(ctx context.Context, realm string) (map[string]string, error) {
	var scopes []Rep
	if err := c.Get(ctx, Path(realm, "client-scopes"), &scopes); err != nil {
		return nil, err
	}
	ids := make(map[string]string, len(scopes))
	for _, s := range scopes {
		ids[s.String("name")] = s.String("id")
	}
	return ids, nil
}

// RoleByID returns a realm or client role; for a client role, containerId is the client's id.
func (c *Client) RoleByID(ctx context.Context, realm, id string) (Rep, error) {
	var role Rep
	err := c.Get(ctx, Path(realm, "roles-by-id", id), &role)
	return role, err
}

// ClientRole returns the role called name of the client with internal id clientID.
func (c *Client) ClientRole(ctx context.Context, realm, clientID, name string) (Rep, error) {
	var role Rep
	err := c.Get(ctx, Path(realm, "clients", clientID, "roles", name), &role)
	return role, err
}
