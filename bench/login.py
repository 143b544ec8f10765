"""Signs in to a running gongkai and prints the session cookie (`gk_session=...`) for wrk."""
import http.cookiejar
import re
import sys
import urllib.parse
import urllib.request

base, username, password = sys.argv[1:4]
jar = http.cookiejar.CookieJar()
opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
page = opener.open(base + "/login").read().decode()
token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
form = urllib.parse.urlencode({"csrf_token": token, "username": username, "password": password, "next": "/admin"})
opener.open(base + "/login", data=form.encode()).read()
cookie = next(c for c in jar if c.name == "gk_session")
print(f"{cookie.name}={cookie.value}")
