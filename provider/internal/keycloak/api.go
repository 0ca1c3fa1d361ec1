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

// ClientRole returns the role called name of the client with internal id clientID.
func (c *Client) ClientRole(ctx context.Context, realm, clientID, name string) (Rep, error) {
	var role Rep
	err := c.Get(ctx, Path(realm, "clients", clientID, "roles", name), &role)
	return role, err
}
