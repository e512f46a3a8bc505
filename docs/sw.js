/*
 * The course's service worker: pages a trainee has visited, and the files they need, stay
 * readable when the network is gone (a training room's Wi-Fi drops, a phone loses signal).
 *
 * - Pages and data: network first, so an online trainee always gets the published course;
 *   the cached copy only when the network fails, and the offline page for a page never seen.
 * - Files with a content hash in their name (Material's bundle, the quiz client): cache
 *   first; a new build gives them new names.
 * - Nothing from another origin is ever handled or cached, nor another edition's pages inside
 *   this scope (ELSEWHERE, e.g. "en/": the English edition has a worker of its own).
 * - VERSION is stamped by the build with a hash of the built site, so every publish installs
 *   a new worker at once (skipWaiting); the previous version's cache is kept, so pages saved
 *   under it still open offline with their own files, and older ones are deleted.
 */
"use strict";

const VERSION = "dev";
const PRECACHE = [];
const ELSEWHERE = [];
const PREFIX = "course-";
const CACHE = PREFIX + VERSION;
const SCOPE = self.registration.scope;
const OFFLINE = new URL("offline/", SCOPE).href;
const IMMUTABLE = /\.[0-9a-f]{6,}\.min\.(js|css)$|\/assets\/(javascripts|stylesheets)\//;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE)
      .then((cache) => cache.addAll(PRECACHE.map((path) => new URL(path, SCOPE).href)))
      .then(() => self.skipWaiting())
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => {
        const ours = keys.filter((key) => key.startsWith(PREFIX) && key !== CACHE);
        // caches.keys() lists caches oldest first: keep the newest previous one
        return Promise.all(ours.slice(0, -1).map((key) => caches.delete(key)));
      })
      .then(() => self.clients.claim())
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || !request.url.startsWith(SCOPE)) return;  // not ours
  if (ELSEWHERE.some((folder) => request.url.startsWith(new URL(folder, SCOPE).href))) return;
  const url = new URL(request.url);
  event.respondWith(IMMUTABLE.test(url.pathname) ? cacheFirst(request) : networkFirst(request));
});

async function cacheFirst(request) {
  const cached = await match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await keep(request, response.clone());
  return response;
}

async function networkFirst(request) {
  try {
    const response = await fetch(request);
    if (response.ok && response.type === "basic") await keep(request, response.clone());
    return response;
  } catch (error) {
    const cached = await match(request);
    if (cached) return cached;
    const page = request.mode === "navigate" ||
      (request.headers.get("accept") || "").includes("text/html");
    return (page && (await match(new Request(OFFLINE)))) || Response.error();
  }
}

async function keep(request, response) {
  const cache = await caches.open(CACHE);
  await cache.put(request, response);
}

// This version's copy first, then the previous version's; `?h=` (search highlight) ignored.
async function match(request) {
  const options = { ignoreSearch: true };
  const cache = await caches.open(CACHE);
  return (await cache.match(request, options)) || caches.match(request, options);
}
