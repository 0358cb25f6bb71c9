#!/usr/bin/env bash
# Print an access token from the local Keycloak (deploy/local/keycloak.sh), for curl examples and
# smoke tests. LOCAL DEVELOPMENT ONLY: relies on the demo realm's well-known passwords.
#
#   deploy/local/token.sh <username>                   password grant via dev-cli (password = username)
#   deploy/local/token.sh --client <clientId> <secret> client-credentials grant
#
# KEYCLOAK_URL overrides the realm base URL (default http://127.0.0.1:8180/realms/geboortezorg).
set -euo pipefail

REALM_URL="${KEYCLOAK_URL:-http://127.0.0.1:8180/realms/geboortezorg}"
TOKEN_URL="$REALM_URL/protocol/openid-connect/token"

usage() {
  sed -n '5,6s/^# \{0,1\}//p' "$0" >&2
  exit 2
}

case "${1:-}" in
  --client)
    [[ $# -eq 3 ]] || usage
    form=(-d grant_type=client_credentials --data-urlencode "client_id=$2" --data-urlencode "client_secret=$3")
    ;;
  "" | -*) usage ;;
  *)
    [[ $# -eq 1 ]] || usage
    form=(-d grant_type=password -d client_id=dev-cli
      --data-urlencode "username=$1" --data-urlencode "password=$1")
    ;;
esac

# Keep the body on failure: Keycloak's error_description says what is wrong (bad secret, ...).
body="$(curl -sS --max-time 10 -w '\n%{http_code}' "${form[@]}" "$TOKEN_URL")" \
  || { echo "token.sh: cannot reach $TOKEN_URL (is deploy/local/keycloak.sh start running?)" >&2; exit 1; }
status="${body##*$'\n'}"
body="${body%$'\n'*}"
if [[ "$status" != 200 ]]; then
  echo "token.sh: HTTP $status from $TOKEN_URL: $body" >&2
  exit 1
fi

# Avoid a jq dependency: the access token is a JWT, so it contains no quotes or escapes.
token="$(printf '%s' "$body" | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')"
[[ -n "$token" ]] || { echo "token.sh: no access_token in response: $body" >&2; exit 1; }
printf '%s\n' "$token"
