// Package endpoint checks the URLs the platform adapters are configured
// with (an API base, a webhook address) the same way on every platform.
package endpoint

import (
	"errors"
	"fmt"
	"net/url"
)

// Parse parses raw as an absolute http or https URL with a host. Its
// errors say what is wrong without repeating raw, for the caller to name
// the configuration key and the value.
func Parse(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	switch {
	case err != nil:
		return nil, fmt.Errorf("not a URL: %w", err)
	case u.Scheme != "http" && u.Scheme != "https":
		return nil, errors.New("want an http or https URL")
	case u.Host == "":
		return nil, errors.New("no host")
	}
	return u, nil
}
