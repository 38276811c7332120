// Package inventory aggregates what a bucket stores, streaming: objects,
// versions, delete markers and unfinished multipart uploads go in one at a
// time (from listing pages or bucket inventory CSV files) and come out as
// counts and bytes by prefix × storage class × age band, with what the
// lifecycle rules will do next to each group. Memory depends on the number
// of distinct prefixes (capped) and rules, never on the number of objects.
package inventory
