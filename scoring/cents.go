package scoring

import (
	"fmt"
	"math/big"
	"strconv"
	"strings"
)

// Cents is a value rounded to 2 decimals, held as hundredths (9750 = 97.50).
// Scores, annual scores, cumulative averages, years in role and required
// next-year scores are Cents.
type Cents int64

// Round rounds r half-up (away from zero) to 2 decimals, exactly:
// 2.675 → 2.68, 0.005 → 0.01, −2.675 → −2.68. A nil r rounds to 0.
func Round(r *big.Rat) Cents {
	if r == nil {
		return 0
	}
	if f, ok := fracOfRat(r); ok {
		if c, ok := f.round(100); ok {
			return c
		}
	}
	num := new(big.Int).Mul(r.Num(), big.NewInt(100))
	neg := num.Sign() < 0
	num.Abs(num)
	den := r.Denom()
	q, rem := new(big.Int).QuoRem(num, den, new(big.Int))
	if rem.Lsh(rem, 1).Cmp(den) >= 0 {
		q.Add(q, big.NewInt(1))
	}
	if neg {
		q.Neg(q)
	}
	return Cents(q.Int64())
}

// Rat returns c as an exact rational (9750 → 195/2).
func (c Cents) Rat() *big.Rat { return big.NewRat(int64(c), 100) }

// String formats c with exactly 2 decimals: "97.50", "-3.05", "100.00".
func (c Cents) String() string {
	var buf [24]byte
	u := uint64(c)
	if c < 0 {
		u = -u
	}
	i := len(buf) - 3
	buf[i], buf[i+1], buf[i+2] = '.', byte('0'+u%100/10), byte('0'+u%10)
	u /= 100
	for {
		i--
		buf[i] = byte('0' + u%10)
		u /= 10
		if u == 0 {
			break
		}
	}
	if c < 0 {
		i--
		buf[i] = '-'
	}
	return string(buf[i:])
}

// ParseCents parses a decimal with at most 2 decimals ("90", "90.5",
// "-3.05", "100.00") into Cents.
func ParseCents(s string) (Cents, error) {
	t := strings.TrimSpace(s)
	neg := strings.HasPrefix(t, "-")
	t = strings.TrimPrefix(strings.TrimPrefix(t, "-"), "+")
	whole, frac, hasDot := strings.Cut(t, ".")
	if whole == "" || (hasDot && (frac == "" || len(frac) > 2)) || !digits(whole) || !digits(frac) {
		return 0, fmt.Errorf("parse cents %q: want a decimal with at most 2 decimals", s)
	}
	w, err := strconv.ParseInt(whole, 10, 64)
	if err != nil || w > (1<<62)/100 {
		return 0, fmt.Errorf("parse cents %q: out of range", s)
	}
	for len(frac) < 2 {
		frac += "0"
	}
	f, _ := strconv.ParseInt(frac, 10, 64)
	c := Cents(w*100 + f)
	if neg {
		c = -c
	}
	return c, nil
}

func digits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// MarshalJSON writes c as a JSON number with exactly 2 decimals (97.50).
func (c Cents) MarshalJSON() ([]byte, error) { return []byte(c.String()), nil }

// UnmarshalJSON reads a JSON number or string with at most 2 decimals.
func (c *Cents) UnmarshalJSON(b []byte) error {
	s := strings.Trim(string(b), `"`)
	v, err := ParseCents(s)
	if err != nil {
		return fmt.Errorf("unmarshal cents: %w", err)
	}
	*c = v
	return nil
}
