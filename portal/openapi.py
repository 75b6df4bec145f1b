"""The OpenAPI 3 description of /api/v1/ and /open311/v2/, served at /api/v1/openapi.json.

Hand-kept next to the code it describes; enumerations (search types, station kinds and facilities) are
read from the code so they cannot drift. The fuzz tests (tests/fuzz) run schemathesis against this
description on a live server, so a parameter or a field that changes without this file fails CI.
A new JSON endpoint adds its path here (see docs/DEVELOPING.md).
"""

from search.registry import TYPES
from services.places.models import Facility, StationKind

VERSION = "1.0.0"
TEXT = {"type": "string"}
NULLABLE_TEXT = {"type": ["string", "null"]}
FORMAT = {
    "name": "format",
    "in": "path",
    "required": True,
    "description": "json 或 xml（XML 使用 GeoReport v2 的元素名）",
    "schema": {"type": "string", "enum": ["json", "xml"]},
}


def _query(name, description, schema=None, **extra):
    return {"name": name, "in": "query", "required": False, "description": description,
            "schema": schema or TEXT, **extra}  # fmt: skip


def _json(schema, description):
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _open311(schema, description):
    return {
        "description": description,
        "content": {"application/json": {"schema": schema}, "text/xml": {"schema": {"type": "string"}}},
    }


OPEN311_ERRORS = {
    status: _open311({"$ref": "#/components/schemas/Open311Errors"}, text)
    for status, text in (
        ("400", "参数有误（错误数组，说明为中文）"),
        ("403", "api_key 缺失或无效"),
        ("404", "不存在"),
    )
}

SERVICE_REQUEST = {
    "type": "object",
    "required": ["service_request_id", "status", "service_code", "requested_datetime"],
    "properties": {
        "service_request_id": TEXT,
        "status": {"type": "string", "enum": ["open", "closed"]},
        "status_notes": TEXT,
        "service_name": TEXT,
        "service_code": TEXT,
        "description": TEXT,
        "agency_responsible": TEXT,
        "service_notice": TEXT,
        "requested_datetime": {"type": "string", "format": "date-time"},
        "updated_datetime": {"type": "string", "format": "date-time"},
        "expected_datetime": {"type": ["string", "null"], "format": "date-time"},
        "address": {"type": "string", "description": "无 key 时为社区名；敏感类别为空"},
        "address_id": TEXT,
        "zipcode": TEXT,
        "lat": {"type": ["number", "null"], "description": "无 key 时约 1 公里精度；敏感类别为 null"},
        "long": {"type": ["number", "null"]},
        "media_url": TEXT,
        "detailed_status": {
            "type": "string",
            "enum": ["received", "accepted", "dispatched", "processing", "replied", "closed", "reopened"],
        },
        "rating": {"type": "string", "enum": ["", "satisfied", "basic", "unsatisfied"]},
    },
}

SCHEMAS = {
    "Error": {
        "type": "object",
        "required": ["error"],
        "properties": {"error": TEXT, "fields": {"type": "object", "additionalProperties": TEXT}},
    },
    "StationError": {
        "type": "object",
        "required": ["error", "parameter", "message"],
        "properties": {"error": TEXT, "parameter": TEXT, "message": TEXT},
    },
    "SearchResults": {
        "type": "object",
        "required": ["query", "total", "page", "num_pages", "results", "facets"],
        "properties": {
            "query": TEXT,
            "corrected": {
                "type": ["string", "null"],
                "description": "输入疑似错别字或拼音时实际搜索的词（您是不是要找），结果即为它的结果；否则为 null",
            },
            "query_truncated": {"type": "boolean"},
            "total": {"type": "integer", "minimum": 0},
            "page": {"type": "integer", "minimum": 1},
            "num_pages": {"type": "integer", "minimum": 0},
            "total_estimated": {
                "type": "boolean",
                "description": "匹配极多时按样本估算：true 时 total 与 num_pages 为估计值（保留两位有效数字），"
                "翻页仍可到达每一条结果（页码超过 num_pages 时继续返回结果，直到 results 为空）",
            },
            "facets_estimated": {"type": "boolean", "description": "true 时 facets 中的 count 为估计值"},
            "relaxed": {"type": "boolean"},
            "results": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["title", "url", "type", "snippet", "score"],
                    "properties": {
                        "title": TEXT,
                        "url": TEXT,
                        "type": {"type": "string", "enum": sorted(TYPES)},
                        "snippet": {"type": "string", "description": "HTML，命中词以 <mark> 标出"},
                        "score": {"type": "number"},
                        "distance_km": {"type": "number"},
                        "promoted": {"type": "boolean", "description": "编辑推广的结果（排在最前）"},
                    },
                },
            },
            "facets": {
                "type": "object",
                "additionalProperties": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "properties": {"value": {}, "label": TEXT, "count": {"type": "integer"}},
                    },
                },
            },
            "took_ms": {"type": "number"},
        },
    },
    "StationCollection": {
        "type": "object",
        "required": ["type", "features", "metadata"],
        "properties": {
            "type": {"const": "FeatureCollection"},
            "features": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["type", "geometry", "properties"],
                    "properties": {
                        "type": {"const": "Feature"},
                        "id": {"type": "integer"},
                        "geometry": {
                            "type": "object",
                            "properties": {
                                "type": {"const": "Point"},
                                "coordinates": {"type": "array", "items": {"type": "number"}, "minItems": 2},
                            },
                        },
                        "properties": {"type": "object"},
                    },
                },
            },
            "metadata": {"type": "object", "properties": {"count": {"type": "integer"}}},
        },
    },
    "BoundaryCollection": {
        "type": "object",
        "required": ["type", "features"],
        "properties": {
            "type": {"const": "FeatureCollection"},
            "features": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["type", "id", "geometry", "properties"],
                    "properties": {
                        "type": {"const": "Feature"},
                        "id": {"type": "string", "description": "community-<id>, grid-<id> 或 road-<id>"},
                        "geometry": {
                            "type": "object",
                            "required": ["type", "coordinates"],
                            "properties": {
                                "type": {"enum": ["Polygon", "MultiPolygon", "LineString"]},
                                "coordinates": {"type": "array"},
                            },
                        },
                        "properties": {
                            "type": "object",
                            "required": ["kind", "name"],
                            "properties": {
                                "kind": {"enum": ["community", "grid", "road"]},
                                "name": TEXT,
                                "url": TEXT,
                                "label_point": {"type": "array", "items": {"type": "number"}, "minItems": 2},
                                "grid_worker": TEXT,
                                "grid_worker_url": TEXT,
                                "road_kind": {"enum": ["main", "street"]},
                            },
                        },
                    },
                },
            },
        },
    },
    "Open311Errors": {
        "type": "array",
        "items": {
            "type": "object",
            "required": ["code", "description"],
            "properties": {"code": {"type": "integer"}, "description": TEXT},
        },
    },
    "Service": {
        "type": "object",
        "required": ["service_code", "service_name", "metadata", "type"],
        "properties": {
            "service_code": TEXT,
            "service_name": TEXT,
            "description": TEXT,
            "metadata": {"type": "boolean"},
            "type": {"type": "string", "enum": ["realtime", "batch", "blackbox"]},
            "keywords": TEXT,
            "group": TEXT,
        },
    },
    "ServiceRequest": SERVICE_REQUEST,
}

SEARCH_PARAMETERS = [
    _query("q", "搜索词（最长 100 字，超出部分截去）；与 near 至少给一个"),
    _query("type", "结果类型", {"type": "string", "enum": sorted(TYPES)}),
    _query("category", "分类筛选"),
    _query("community", "社区筛选"),
    _query("year", "年份（四位数字）", {"type": "string", "pattern": "^[0-9]{4}$"}),
    _query("page", "页码，从 1 开始", {"type": "integer", "minimum": 1}),
    _query("near", "纬度,经度（WGS-84），如 30.27,120.15"),
    _query(
        "radius_km", "near 的半径（公里），默认 3，最大 50", {"type": "number", "exclusiveMinimum": 0, "maximum": 50}
    ),
    _query("exact", "1：只搜索输入的文字，不做错别字纠正", {"type": "string", "enum": ["1"]}),
]

STATION_PARAMETERS = [
    _query("near", "纬度,经度（WGS-84），结果按距离排序"),
    _query("from", "社区 slug：以该社区位置为中心"),
    _query("radius_km", "半径（公里），需要 near 或 from", {"type": "number", "exclusiveMinimum": 0, "maximum": 50}),
    _query("kind", "阵地类型，可逗号分隔多个", {"type": "string", "enum": list(StationKind.values)}),
    _query("facility", "设施，可逗号分隔多个", {"type": "string", "enum": list(Facility.values)}),
    _query("open_now", "1：只要此刻开放的", {"type": "string", "enum": ["1", "0", "true", "false"]}),
]

OPEN311_LIST_PARAMETERS = [
    _query("service_request_id", "逗号分隔的工单编号；给出时忽略其他筛选"),
    _query("service_code", "逗号分隔的 service_code"),
    _query("start_date", "W3C 日期时间；与 end_date 相距不超过 90 天", {"type": "string", "format": "date-time"}),
    _query("end_date", "W3C 日期时间，默认现在", {"type": "string", "format": "date-time"}),
    _query("status", "open、closed 或 open,closed", {"type": "string", "enum": ["open", "closed", "open,closed"]}),
]

CREATE_REQUEST_BODY = {
    "required": True,
    "content": {
        "application/x-www-form-urlencoded": {
            "schema": {
                "type": "object",
                "required": ["api_key", "service_code", "description"],
                "properties": {
                    "api_key": {"type": "string", "description": "只能放在请求正文（或 X-Api-Key 请求头）"},
                    "service_code": TEXT,
                    "lat": {"type": "number", "minimum": 3.8, "maximum": 53.6},
                    "long": {"type": "number", "minimum": 73.4, "maximum": 135.1},
                    "address_string": {"type": "string", "maxLength": 200},
                    "description": {"type": "string", "minLength": 1, "maxLength": 2000},
                    "phone": {"type": "string", "pattern": "^1[3-9][0-9]{9}$"},
                    "email": {"type": "string", "format": "email"},
                    "first_name": TEXT,
                    "last_name": TEXT,
                },
                "additionalProperties": {"type": "string", "description": "attribute[code]：类别的附加问题"},
            }
        }
    },
}

PATHS = {
    "/api/v1/search/": {
        "get": {
            "summary": "全文搜索（办事指南、阵地、新闻、案例、品牌、社区、页面）",
            "operationId": "search",
            "parameters": SEARCH_PARAMETERS,
            "responses": {
                "200": _json({"$ref": "#/components/schemas/SearchResults"}, "搜索结果"),
                "400": _json({"$ref": "#/components/schemas/Error"}, "参数有误（中文说明）"),
                "503": _json({"$ref": "#/components/schemas/Error"}, "搜索暂时不可用（未开启后备搜索时）"),
            },
        }
    },
    "/api/v1/suggest/": {
        "get": {
            "summary": "搜索联想（中文前缀、全拼或首字母）",
            "operationId": "suggest",
            "parameters": [_query("q", "已输入的文字（最长 50 字）")],
            "responses": {
                "200": _json({"type": "array", "items": TEXT, "maxItems": 8}, "联想词"),
                "503": _json({"type": "array", "maxItems": 0}, "搜索暂时不可用（未开启后备搜索时）"),
            },
        }
    },
    "/api/v1/stations.geojson": {
        "get": {
            "summary": "党群服务阵地（GeoJSON，含实时开放状态）",
            "operationId": "stations",
            "parameters": STATION_PARAMETERS,
            "responses": {
                "200": {
                    "description": "GeoJSON FeatureCollection（坐标为 WGS-84 经度, 纬度）",
                    "content": {"application/geo+json": {"schema": {"$ref": "#/components/schemas/StationCollection"}}},
                },
                "400": _json({"$ref": "#/components/schemas/StationError"}, "参数有误（中文说明）"),
            },
        }
    },
    "/api/v1/boundaries.geojson": {
        "get": {
            "summary": "社区、网格边界与主要道路（GeoJSON，离线底图）",
            "operationId": "boundaries",
            "responses": {
                "200": {
                    "description": "GeoJSON FeatureCollection（坐标为 WGS-84 经度, 纬度）",
                    "content": {
                        "application/geo+json": {"schema": {"$ref": "#/components/schemas/BoundaryCollection"}}
                    },
                },
            },
        }
    },
    "/open311/v2/discovery.{format}": {
        "get": {
            "summary": "GeoReport v2 服务发现",
            "operationId": "open311Discovery",
            "parameters": [FORMAT],
            "responses": {"200": _open311({"type": "object", "required": ["endpoints"]}, "服务发现")},
        }
    },
    "/open311/v2/services.{format}": {
        "get": {
            "summary": "诉求类别列表",
            "operationId": "open311Services",
            "parameters": [FORMAT],
            "responses": {
                "200": _open311({"type": "array", "items": {"$ref": "#/components/schemas/Service"}}, "类别")
            },
        }
    },
    "/open311/v2/services/{service_code}.{format}": {
        "get": {
            "summary": "类别的附加问题（service definition）",
            "operationId": "open311ServiceDefinition",
            "parameters": [
                {
                    "name": "service_code",
                    "in": "path",
                    "required": True,
                    "schema": {"type": "string", "pattern": "^[-\\w]+$"},
                },
                FORMAT,
            ],
            "responses": {
                "200": _open311({"type": "object", "required": ["service_code", "attributes"]}, "附加问题"),
                "404": OPEN311_ERRORS["404"],
            },
        }
    },
    "/open311/v2/requests.{format}": {
        "get": {
            "summary": "诉求列表（最近 90 天，不含个人信息）",
            "operationId": "open311Requests",
            "parameters": [FORMAT, *OPEN311_LIST_PARAMETERS],
            "responses": {
                "200": _open311({"type": "array", "items": {"$ref": "#/components/schemas/ServiceRequest"}}, "诉求"),
                "400": OPEN311_ERRORS["400"],
                "403": OPEN311_ERRORS["403"],
            },
        },
        "post": {
            "summary": "提交诉求（需要 api_key）",
            "operationId": "open311CreateRequest",
            "parameters": [
                FORMAT,
                {
                    "name": "Idempotency-Key",
                    "in": "header",
                    "required": False,
                    "schema": {"type": "string", "maxLength": 64, "pattern": "^[A-Za-z0-9-]+$"},
                },
            ],  # fmt: skip
            "requestBody": CREATE_REQUEST_BODY,
            "responses": {
                "201": _open311({"type": "array", "items": {"type": "object"}}, "已受理：编号与 token"),
                "200": _open311({"type": "array", "items": {"type": "object"}}, "同一 Idempotency-Key 的重试"),
                **OPEN311_ERRORS,
            },
        },
    },
    "/open311/v2/requests/{service_request_id}.{format}": {
        "get": {
            "summary": "一件诉求（编号即居民电话里报的诉求编号）",
            "operationId": "open311Request",
            "parameters": [
                {
                    "name": "service_request_id",
                    "in": "path",
                    "required": True,
                    "schema": {"type": "string", "pattern": "^[-\\w]+$"},
                },
                FORMAT,
            ],
            "responses": {
                "200": _open311({"type": "array", "items": {"$ref": "#/components/schemas/ServiceRequest"}}, "诉求"),
                "403": OPEN311_ERRORS["403"],
                "404": OPEN311_ERRORS["404"],
            },
        }
    },
    "/open311/v2/tokens/{token}.{format}": {
        "get": {
            "summary": "由提交时返回的 token 查诉求编号",
            "operationId": "open311Token",
            "parameters": [
                {"name": "token", "in": "path", "required": True, "schema": {"type": "string", "pattern": "^\\w+$"}},
                FORMAT,
            ],
            "responses": {
                "200": _open311({"type": "array", "items": {"type": "object"}}, "编号"),
                "404": OPEN311_ERRORS["404"],
            },
        }
    },
}


def description(base_url=""):
    """The OpenAPI document as a dict; ``base_url`` becomes the single server entry."""
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "云溪区党群服务门户 API",
            "version": VERSION,
            "description": "搜索、联想、党群服务阵地（/api/v1/）与 Open311 GeoReport v2（/open311/v2/）。"
            "错误说明均为中文；Open311 的错误为规范的错误数组。api_key 只能放在 POST 正文或 X-Api-Key 请求头，"
            "放在网址里的 api_key 一律拒绝。",
        },
        "servers": [{"url": base_url or "/"}],
        "paths": PATHS,
        "components": {
            "schemas": SCHEMAS,
            "securitySchemes": {"apiKeyHeader": {"type": "apiKey", "in": "header", "name": "X-Api-Key"}},
        },
    }
