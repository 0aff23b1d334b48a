// Package redis runs the cache of an application with several instances
// on Redis: a [cache.Store] that every instance shares, so that what one
// computes the others read, and a [cache.Bus] over Redis pub/sub, so that
// what one invalidates the others drop from their local tiers at once.
//
//	client := goredis.NewClient(&goredis.Options{Addr: "cache.internal:6379"})
//	r, err := redis.New(client, redis.Options{Namespace: "blog"})
//	if err != nil {
//		log.Fatal(err)
//	}
//	c := cache.New(cache.Options{Shared: r, Bus: r})
//	srv, err := actions.New(actions.Options{Cache: c})
//
// With that, actions.RevalidateTag on one instance reaches every instance:
// in Redis before the action's answer is written, and in the other
// instances' memory as soon as the message arrives (a median of 0.14 ms,
// 0.27 ms at the 99th percentile, over loopback: BenchmarkPropagation).
//
// # Keys
//
// Every key starts with the namespace: "<ns>:e:<key>" for entries (a hash
// of stamp, tags and value, expiring after their TTL or
// [Options.MaxTTL]), "<ns>:t:<tag>" for tag versions, "<ns>:clock" for
// the logical clock they come from, and "<ns>:invalidations" is the
// channel. A read is one round trip (a Lua script reads the entry and
// checks its tags' versions); so is an invalidation, whatever the number
// of entries it drops.
//
// Redis should keep tag versions rather than evict them: a tag version
// evicted makes the entries it had invalidated readable again until they
// expire. Give Redis room for the working set, or use maxmemory-policy
// volatile-ttl, which evicts entries (that expire sooner) before
// versions (kept for twice [Options.MaxTTL]). One Redis server, or a
// primary with replicas behind Sentinel: not Redis Cluster, where an
// entry's tags may live on another node than the entry.
//
// # When Redis fails
//
// Pub/sub is lossy: a message published while an instance is disconnected
// never reaches it. So while its subscription is down an instance uses
// neither its local tier nor Redis: every value and page is computed from
// the source, which is slower but never stale. When the subscription is
// back the instance flushes its local tier (it may have missed
// invalidations) and caches again. Calls made while Redis is down fail at
// once instead of waiting for a timeout; the subscription, reconnecting
// every [Options.RetryInterval] in the background, finds out when it is
// back. The outage is logged once, through [Options.Logger], and so is
// the recovery.
//
// go-redis logs its own dial failures through its own logger
// (goredis.SetLogger). A client for a cache wants short timeouts and few
// retries (DialTimeout, ReadTimeout, MaxRetries, DialerRetries), so that a
// Redis that hangs rather than refuses costs each request little.
package redis
