package store

// NewPostgresDSN gives the external tests (package store_test) a fresh
// database on the SULLAM_TEST_PG server, as newPostgresDSN does here.
var NewPostgresDSN = newPostgresDSN
