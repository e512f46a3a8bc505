"""The search index is fetched when a trainee first goes to search, not with every page.

Material's bundle asks for `search/search_index.json` as it starts, on every page a trainee
opens first: on a module page that was half of what a first visit downloads (103 KB of 205 KB
gzip), for a search most visits never make. A small script in the page's head holds that one
request back until focus first enters the search box (tapping the search icon, or the `/`, `s`
and `f` keys, all focus it); Material's own request then goes out as it was. Offline search
is unaffected: the service worker keeps the index (it is on its precache list), so after the
first visit search works without a network. Pure: no MkDocs here.
"""

from __future__ import annotations

# Wraps XMLHttpRequest (Material's request() uses it) for that one address only.
SNIPPET = """(function(){
var X=XMLHttpRequest.prototype,open=X.open,send=X.send,held=[],go=false;
X.open=function(method,url){this.courseIndex=/\\/search\\/search_index\\.json$/.test(String(url));return open.apply(this,arguments);};
X.send=function(body){if(this.courseIndex&&!go){held.push([this,body]);return;}return send.apply(this,arguments);};
addEventListener("focusin",function(event){
if(go||!event.target.closest||!event.target.closest(".md-search"))return;
go=true;held.forEach(function(call){send.call(call[0],call[1]);});held=[];
},true);
})();"""

INDEX = "search/search_index.json"


def index_on_demand(html: str) -> str:
    """The page with the snippet first in its head; unchanged if it has no search."""
    if 'data-md-component="search"' not in html or "<head>" not in html:
        return html
    return html.replace("<head>", "<head><script>" + SNIPPET.replace("\n", "") + "</script>", 1)
