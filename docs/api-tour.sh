#!/bin/sh
# A tour of Havre's JSON API with nothing but curl and the shell: it reads the OpenAPI document,
# records a help request, opens the file it created, records a meeting in it and reads the
# activity report. It is the script docs/api.md walks through, and a test runs it against a
# fresh Havre (crates/havre-cli/tests/cli.rs).
#
#   havre admin token --user coord@example.org          # prints a token, once
#   HAVRE_URL=http://127.0.0.1:8080 HAVRE_TOKEN=havre_… sh docs/api-tour.sh
#
# The person recorded is fictional: run it against a test organization, not a real one.
set -eu
: "${HAVRE_URL:?set HAVRE_URL, e.g. http://127.0.0.1:8080}"
: "${HAVRE_TOKEN:?set HAVRE_TOKEN to a token from havre admin token}"

# One call: the method, the path, then curl's own options (a body with -d). A 4xx or 5xx
# prints the problem document Havre answers with and stops the script.
api() {
  method=$1 path=$2
  shift 2
  out=$(curl -sS -w '\n%{http_code}' -X "$method" \
    -H "Authorization: Bearer $HAVRE_TOKEN" \
    -H 'Content-Type: application/json' \
    -H 'Accept-Language: fr-CA' \
    "$HAVRE_URL$path" "$@")
  status=$(printf '%s' "$out" | tail -n 1)
  body=$(printf '%s' "$out" | sed '$d')
  case $status in
    2??) printf '%s' "$body" ;;
    *) printf '%s %s: %s\n%s\n' "$method" "$path" "$status" "$body" >&2; exit 1 ;;
  esac
}

# The value of the first "name":"value" pair of a JSON text with that name.
field() {
  printf '%s' "$2" | grep -o "\"$1\":\"[^\"]*\"" | head -n 1 | sed 's/^"[^"]*":"\(.*\)"$/\1/'
}

# 1. The OpenAPI document names every route; the tour uses these.
doc=$(curl -fsS "$HAVRE_URL/api/v1/openapi.json")
for route in /api/v1/lists /api/v1/help-requests '/api/v1/files/{id}' \
  '/api/v1/files/{id}/meetings' /api/v1/reports/activity; do
  case $doc in
    *"\"$route\""*) ;;
    *) echo "The OpenAPI document has no $route" >&2; exit 1 ;;
  esac
done
echo "OpenAPI: $(field title "$doc"), the routes of this tour are described."

# 2. The organization's closed lists: the first value of each ("not asked").
lists=$(api GET /api/v1/lists)
first_value() {
  printf '%s' "$lists" | tr -d '\n' |
    sed -n "s/.*\"list\":\"$1\",\"multiple\":[a-z]*,\"values\":\[{\"id\":\"\([0-9a-f-]*\)\".*/\1/p"
}

# 3. A help request taken an hour ago, by phone: it registers the person and opens her file.
at=$(date -u -d '1 hour ago' +%Y-%m-%dT%H:%M:%SZ)
request=$(api POST /api/v1/help-requests -d "{
  \"received_at\": \"$at\", \"channel\": \"phone\", \"voluntary\": true,
  \"person\": { \"name\": \"Personne fictive\" },
  \"safe_contact\": { \"may_call\": true },
  \"teenager\": false, \"service_area\": \"direct_help\",
  \"requester\": \"$(first_value requester)\",
  \"age_at_request\": \"$(first_value age_at_request)\",
  \"age_at_assault\": \"$(first_value age_at_assault)\",
  \"referral_source\": \"$(first_value referral_source)\",
  \"residence\": \"$(first_value residence)\",
  \"assault_forms\": [\"$(first_value assault_form)\"],
  \"relations\": [\"$(first_value relation)\"]
}")
person=$(field person_id "$request")
echo "Help request recorded: the person's file is $person."

# 4. Her file, then her first meeting in it.
api GET "/api/v1/files/$person" >/dev/null
meeting=$(api POST "/api/v1/files/$person/meetings" -d "{
  \"kind\": \"first_meeting\", \"held_at\": \"$at\", \"place\": \"centre\",
  \"duration_minutes\": 60, \"preparation_minutes\": 15
}")
echo "Meeting recorded: $(field id "$meeting")."

# 5. The activity report of the current reporting year counts it.
report=$(api GET /api/v1/reports/activity)
# The period's figures come before the previous period's: cut those off, then read the line.
first=$(printf '%s' "$report" | tr -d '\n' | sed 's/"previous":{.*//' |
  sed -n 's/.*"key":"first_meeting","persons":\([0-9]*\),"meetings":\([0-9]*\).*/\1 \2/p')
echo "Report $(field organization "$report"): first meetings (persons, meetings): $first."
[ "$first" = "1 1" ]
