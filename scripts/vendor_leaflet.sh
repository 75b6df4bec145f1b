#!/usr/bin/env bash
# Vendor Leaflet and Leaflet.markercluster from the npm registry into static/vendor/ with their
# licence files, so that the portal never loads a map library from a CDN and `make run` needs no npm.
# Usage: scripts/vendor_leaflet.sh   (re-run after changing the versions below; commit the result)
set -euo pipefail

LEAFLET_VERSION="1.9.4"
MARKERCLUSTER_VERSION="1.5.3"

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DEST="$ROOT/static/vendor"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

command -v npm >/dev/null || { echo "npm is required to refresh the vendored files" >&2; exit 1; }

cd "$WORK"
npm pack --silent "leaflet@$LEAFLET_VERSION" "leaflet.markercluster@$MARKERCLUSTER_VERSION" >/dev/null
mkdir leaflet markercluster
tar -xzf "leaflet-$LEAFLET_VERSION.tgz" -C leaflet --strip-components=1
tar -xzf "leaflet.markercluster-$MARKERCLUSTER_VERSION.tgz" -C markercluster --strip-components=1

rm -rf "$DEST/leaflet" "$DEST/leaflet.markercluster"
mkdir -p "$DEST/leaflet/images" "$DEST/leaflet.markercluster"

cp leaflet/dist/leaflet.js leaflet/dist/leaflet.css "$DEST/leaflet/"
cp leaflet/dist/images/*.png "$DEST/leaflet/images/"
cp leaflet/LICENSE "$DEST/leaflet/LICENSE"
cp markercluster/dist/leaflet.markercluster.js markercluster/dist/MarkerCluster.css \
   markercluster/dist/MarkerCluster.Default.css "$DEST/leaflet.markercluster/"
cp markercluster/MIT-LICENCE.txt "$DEST/leaflet.markercluster/LICENSE" 2>/dev/null \
   || cp markercluster/LICENSE* "$DEST/leaflet.markercluster/LICENSE"

# The source maps are referenced by the minified files but not shipped; drop the comment so
# browsers and WhiteNoise's manifest do not look for them.
sed -i 's|//# sourceMappingURL=.*||' "$DEST/leaflet/leaflet.js" "$DEST/leaflet.markercluster/leaflet.markercluster.js"

cat > "$DEST/README.md" <<README
# Vendored front-end libraries

Fetched by \`scripts/vendor_leaflet.sh\` from the npm registry; do not edit by hand.

| Library | Version | Licence |
|---|---|---|
| Leaflet | $LEAFLET_VERSION | BSD-2-Clause (leaflet/LICENSE) |
| Leaflet.markercluster | $MARKERCLUSTER_VERSION | MIT (leaflet.markercluster/LICENSE) |
README

chmod -R u=rwX,go=rX "$DEST"
echo "Vendored Leaflet $LEAFLET_VERSION and Leaflet.markercluster $MARKERCLUSTER_VERSION into $DEST"
