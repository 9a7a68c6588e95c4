package demo

import (
	"crypto/rand"
	"fmt"
)

// passwordAlphabet has no look-alike characters (0/O, 1/l/I), so a password
// shown once can be typed again.
const passwordAlphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"

// passwordLength gives about 117 bits from the 57-character alphabet.
const passwordLength = 20

// RandomPassword returns a new random password for the demo accounts, drawn
// from the operating system's secure random source.
func RandomPassword() (string, error) {
	b := make([]byte, passwordLength)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("make a demo password: %w", err)
	}
	// 256 is not a multiple of the alphabet's size: redraw the bytes at or
	// above the largest multiple so that every character is equally likely.
	limit := byte(256 - 256%len(passwordAlphabet))
	out := make([]byte, 0, passwordLength)
	for len(out) < passwordLength {
		for _, c := range b {
			if c < limit && len(out) < passwordLength {
				out = append(out, passwordAlphabet[int(c)%len(passwordAlphabet)])
			}
		}
		if _, err := rand.Read(b); err != nil {
			return "", fmt.Errorf("make a demo password: %w", err)
		}
	}
	return string(out), nil
}
