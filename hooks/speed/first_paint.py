"""The page's first paint before its scripts: Material's bundle and the course's scripts start
once the browser has shown the page.

The scripts are deferred (overrides/main.html), yet on a fast or cached load (the service
worker's copy, a repeat visit) they have arrived by the time the parser is done, and the
browser runs all of them, 30-130 ms on a phone for Material's bundle alone, before the frame
it has painted reaches the screen. Here they are fetched as before, from the same place in the
page and at the same low priority (`<link rel="preload">`), but run only after the browser
reports its first paint. Material starts its components from DOMContentLoaded, which has then
passed: once the scripts have run, the loader hands the page to Material's `document$` (the
observable every component, and the course's own scripts, start from), as that event would have.

No MkDocs here: it rewrites a page's HTML.
"""

from __future__ import annotations

import html as markup
import json
import re

# The deferred scripts at the end of the body, one after the other (whitespace between).
DEFERRED_RUN = re.compile(
    r'<script defer src="[^"]+"></script>(?:\s*<script defer src="[^"]+"></script>)*'
)
SOURCE = re.compile(r'src="([^"]+)"')

# Waits for the first paint (or the page being hidden, where nothing paints, or 2 s, should a
# browser not report paints) and for DOMContentLoaded; then adds the scripts in order
# (async = false keeps it) and, once the last has loaded or failed, emits the page on
# Material's document$.
LOADER = """(function(sources){
var painted=false,started=false;
function start(){
if(started||!painted||document.readyState==="loading")return;
started=true;
var left=sources.length;
sources.forEach(function(src){
var script=document.createElement("script");
script.src=src;script.async=false;
script.onload=script.onerror=function(){
if(--left===0&&window.document$)window.document$.next(document);
};
document.body.appendChild(script);
});
}
function paint(){painted=true;start();}
var types=window.PerformanceObserver&&PerformanceObserver.supportedEntryTypes||[];
if(types.indexOf("paint")<0||document.visibilityState==="hidden"){paint();}
else{
new PerformanceObserver(function(list,observer){observer.disconnect();paint();})
.observe({type:"paint",buffered:true});
setTimeout(paint,2000);
}
document.addEventListener("DOMContentLoaded",start);
})(SOURCES);"""


def scripts_after_paint(html: str) -> str:
    """The page with its deferred scripts started after the first paint; unchanged if it has
    none, or if its own code waits for DOMContentLoaded: it may need them by then, as the print
    page's inline code needs print-site.js (speed_hook leaves that page out anyway)."""
    runs = list(DEFERRED_RUN.finditer(html))
    if not runs or "DOMContentLoaded" in html:
        return html
    run = runs[-1]
    sources = SOURCE.findall(run.group())  # as written in the attributes: HTML-escaped
    preloads = "".join(
        f'<link rel="preload" as="script" fetchpriority="low" href="{s}">' for s in sources
    )
    listed = json.dumps([markup.unescape(s) for s in sources]).replace("</", "<\\/")
    loader = "<script>" + LOADER.replace("\n", "").replace("SOURCES", listed) + "</script>"
    return html[: run.start()] + preloads + loader + html[run.end() :]
