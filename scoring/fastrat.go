package scoring

import (
	"math"
	"math/big"
	"math/bits"
)

// The exact rationals of scoring are small in practice (counts of days,
// audits and reports, weights in percent), so the components compute them
// as int64 fractions, with every product and sum checked for overflow,
// and fall back to math/big only when a value could overflow. The results
// are exactly those of the big.Rat computation (reference_test.go keeps it
// and exactness_test.go compares the two).

// frac is an exact rational n/d in lowest terms with d > 0 (0 is 0/1).
type frac struct{ n, d int64 }

// gcd64 returns the greatest common divisor of a and b (gcd(0, b) = b),
// by the binary algorithm (shifts and subtractions, no division).
func gcd64(a, b uint64) uint64 {
	if a == 0 {
		return b
	}
	if b == 0 {
		return a
	}
	shift := bits.TrailingZeros64(a | b)
	a >>= bits.TrailingZeros64(a)
	for {
		b >>= bits.TrailingZeros64(b)
		if a > b {
			a, b = b, a
		}
		b -= a
		if b == 0 {
			return a << shift
		}
	}
}

// abs64 returns |v| as a uint64 (|MinInt64| = 1<<63).
func abs64(v int64) uint64 {
	if v < 0 {
		return -uint64(v)
	}
	return uint64(v)
}

// mul64 returns a×b and whether it did not overflow.
func mul64(a, b int64) (int64, bool) {
	hi, lo := bits.Mul64(abs64(a), abs64(b))
	if hi != 0 || lo > math.MaxInt64 {
		return 0, false
	}
	if (a < 0) != (b < 0) {
		return -int64(lo), true
	}
	return int64(lo), true
}

// add64 returns a+b and whether it did not overflow.
func add64(a, b int64) (int64, bool) {
	c := a + b
	if (a > 0 && b > 0 && c < 0) || (a < 0 && b < 0 && c >= 0) {
		return 0, false
	}
	return c, true
}

// fracOf returns n/d in lowest terms; ok is false when d is 0 or either
// value is math.MinInt64 (whose negation does not fit).
func fracOf(n, d int64) (f frac, ok bool) {
	if d == 0 || n == math.MinInt64 || d == math.MinInt64 {
		return frac{}, false
	}
	if d < 0 {
		n, d = -n, -d
	}
	if g := int64(gcd64(abs64(n), uint64(d))); g > 1 {
		n, d = n/g, d/g
	}
	return frac{n, d}, true
}

// fracOfRat returns r as a frac when its numerator and denominator fit.
func fracOfRat(r *big.Rat) (frac, bool) {
	num := r.Num()
	if !num.IsInt64() {
		return frac{}, false
	}
	if r.IsInt() {
		return frac{num.Int64(), 1}, num.Int64() != math.MinInt64
	}
	den := r.Denom()
	if !den.IsInt64() {
		return frac{}, false
	}
	return fracOf(num.Int64(), den.Int64())
}

// mulInt returns f×k.
func (f frac) mulInt(k int64) (frac, bool) {
	g := int64(gcd64(abs64(k), uint64(f.d)))
	if g == 0 {
		return frac{0, 1}, true
	}
	n, ok := mul64(f.n, k/g)
	if !ok {
		return frac{}, false
	}
	return frac{n, f.d / g}, n != math.MinInt64
}

// divInt returns f/k for k > 0.
func (f frac) divInt(k int64) (frac, bool) {
	d, ok := mul64(f.d, k)
	if !ok || k <= 0 {
		return frac{}, false
	}
	return fracOf(f.n, d)
}

// add returns f+g.
func (f frac) add(g frac) (frac, bool) {
	c := int64(gcd64(uint64(f.d), uint64(g.d)))
	d, ok1 := mul64(f.d/c, g.d) // lcm
	a, ok2 := mul64(f.n, g.d/c)
	b, ok3 := mul64(g.n, f.d/c)
	n, ok4 := add64(a, b)
	if !(ok1 && ok2 && ok3 && ok4) {
		return frac{}, false
	}
	return fracOf(n, d)
}

// rat returns f as a new big.Rat. f is in lowest terms, so the numerator
// and denominator are set directly, without big.Rat's normalization.
func (f frac) rat() *big.Rat {
	r := new(big.Rat).SetInt64(f.n) // denominator 1, initialised
	if f.d != 1 {
		r.Denom().SetInt64(f.d)
	}
	return r
}

// round returns f×scale rounded half away from zero to an integer, and
// whether it fits (scale 100: Round; scale 10000: the percentage in Cents).
func (f frac) round(scale uint64) (Cents, bool) {
	hi, lo := bits.Mul64(abs64(f.n), scale)
	d := uint64(f.d)
	if hi >= d {
		return 0, false
	}
	q, rem := bits.Div64(hi, lo, d)
	if q >= math.MaxInt64 {
		return 0, false
	}
	if rem >= d-rem { // 2×rem >= d: half or more, away from zero
		q++
	}
	if f.n < 0 {
		return -Cents(q), true
	}
	return Cents(q), true
}

// cents returns Round(f) exactly.
func (f frac) cents() Cents {
	if c, ok := f.round(100); ok {
		return c
	}
	return Round(f.rat())
}

// percentText returns percentText(f) exactly.
func (f frac) percentText() string {
	if c, ok := f.round(10000); ok {
		return c.String()
	}
	return percentText(f.rat())
}

// newRat returns big.NewRat(n, d) (which panics when d is 0), through the
// int64 path when it can.
func newRat(n, d int64) *big.Rat {
	if f, ok := fracOf(n, d); ok {
		return f.rat()
	}
	return big.NewRat(n, d)
}

// meanFrac returns the exact mean of the scores as a frac, and false when
// a value does not fit in int64 (or there is no score): then mean must be
// used.
func meanFrac(scores []DatedScore) (frac, bool) {
	if len(scores) == 0 {
		return frac{}, false
	}
	sum := frac{0, 1}
	for _, s := range scores {
		f, ok := fracOfRat(s.Score)
		if !ok {
			return frac{}, false
		}
		if sum, ok = sum.add(f); !ok {
			return frac{}, false
		}
	}
	return sum.divInt(int64(len(scores)))
}
