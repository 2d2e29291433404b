//go:build !linux && !darwin

package main

import (
	"errors"
	"net"
)

// peerUID is not available here: the private directory is the guard.
func peerUID(*net.UnixConn) (int, error) { return 0, errors.ErrUnsupported }
