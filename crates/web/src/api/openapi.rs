//! The OpenAPI 3.1 document of the JSON API. Written by hand beside the routes it describes;
//! a test checks every route here is served.

use axum::Json;
use serde_json::{Value, json};

pub async fn document() -> Json<Value> {
    Json(spec())
}

pub fn spec() -> Value {
    let person = json!({
        "type": "object",
        "required": ["id", "unit_id", "title", "first_name", "last_name", "position", "standing", "active", "version"],
        "properties": {
            "id": {"type": "string"}, "unit_id": {"type": "string"},
            "citizen_id": {"type": ["string", "null"]}, "title": {"type": "string"},
            "first_name": {"type": "string"}, "last_name": {"type": "string"},
            "position": {"type": "string", "enum": ["teacher", "school_director", "deputy_school_director", "supervisor", "esa_director", "deputy_esa_director"]},
            "standing": {"type": "string", "enum": ["assistant", "none", "professional", "senior_professional", "expert", "senior_expert"]},
            "salary_scale": {"type": ["string", "null"]}, "salary": {"type": ["string", "null"]},
            "email": {"type": ["string", "null"]}, "phone": {"type": ["string", "null"]},
            "active": {"type": "integer"}, "version": {"type": "integer"}
        }
    });
    let unit = json!({
        "type": "object",
        "required": ["id", "kind", "code", "name", "affiliation"],
        "properties": {
            "id": {"type": "string"}, "parent_id": {"type": ["string", "null"]},
            "kind": {"type": "string", "enum": ["headquarters", "area_office", "school"]},
            "code": {"type": "string"}, "name": {"type": "string"},
            "affiliation": {"type": "string"}, "active": {"type": "integer"}, "version": {"type": "integer"}
        }
    });
    let error = json!({"type": "object", "properties": {"error": {"type": "string", "description": "ข้อความภาษาไทยที่บอกสิ่งที่ต้องแก้"}}});
    let ok = |schema: Value| json!({"description": "OK", "content": {"application/json": {"schema": schema}}});
    let err = |d: &str| json!({"description": d, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}});
    json!({
        "openapi": "3.1.0",
        "info": {"title": "ThaiPA API", "version": env!("CARGO_PKG_VERSION"),
                 "description": "ระบบข้อตกลงในการพัฒนางาน (PA). Authenticate with the session cookie from /login."},
        "components": {
            "securitySchemes": {"session": {"type": "apiKey", "in": "cookie", "name": "thaipa_session"}},
            "schemas": {"Person": person, "Unit": unit, "Error": error}
        },
        "security": [{"session": []}],
        "paths": {
            "/api/me": {"get": {"summary": "The signed-in person and their role grants", "responses": {
                "200": ok(json!({"type": "object", "properties": {"person": {"$ref": "#/components/schemas/Person"}, "roles": {"type": "array"}}})),
                "401": err("Not signed in")}}},
            "/api/units": {"get": {"summary": "Units the signed-in officer manages", "responses": {
                "200": ok(json!({"type": "array", "items": {"$ref": "#/components/schemas/Unit"}})),
                "401": err("Not signed in"), "403": err("Not a unit officer")}}},
            "/api/units/{id}/people": {"get": {"summary": "People of one managed unit",
                "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
                "responses": {"200": ok(json!({"type": "array", "items": {"$ref": "#/components/schemas/Person"}})),
                    "401": err("Not signed in"), "403": err("Not a unit officer"), "404": err("No such unit within reach")}}},
            "/api/people/{id}": {"get": {"summary": "One person the caller may see",
                "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
                "responses": {"200": ok(json!({"$ref": "#/components/schemas/Person"})),
                    "401": err("Not signed in"), "404": err("No such person within reach")}}}
        }
    })
}
