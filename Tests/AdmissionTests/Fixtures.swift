import Model
@testable import Admission

/// Objects the tests start from.
enum Fixtures {
    static func deployment(name: String = "web", labels: JSONValue = ["app": "web"]) -> JSONValue {
        [
            "apiVersion": "apps/v1", "kind": "Deployment",
            "metadata": ["name": .string(name), "namespace": "default"],
            "spec": [
                "selector": ["matchLabels": ["app": "web"]],
                "template": [
                    "metadata": ["labels": labels],
                    "spec": ["containers": [["name": "nginx", "image": "nginx:1.25"]]],
                ],
            ],
        ]
    }

    static func statefulSet() -> JSONValue {
        [
            "apiVersion": "apps/v1", "kind": "StatefulSet",
            "metadata": ["name": "db", "namespace": "default"],
            "spec": [
                "serviceName": "db",
                "selector": ["matchLabels": ["app": "db"]],
                "template": [
                    "metadata": ["labels": ["app": "db"]],
                    "spec": ["containers": [["name": "pg", "image": "postgres:16"]]],
                ],
                "volumeClaimTemplates": [[
                    "metadata": ["name": "data"],
                    "spec": ["accessModes": ["ReadWriteOnce"], "resources": ["requests": ["storage": "1Gi"]]],
                ]],
            ],
        ]
    }

    static func pod(image: String = "nginx") -> JSONValue {
        [
            "apiVersion": "v1", "kind": "Pod",
            "metadata": ["name": "p", "namespace": "default"],
            "spec": ["containers": [["name": "c", "image": .string(image)]]],
        ]
    }

    static func defaulted(_ object: JSONValue, _ kind: ResourceKind) -> JSONValue {
        var copy = object
        Admission.applyDefaults(&copy, kind: kind)
        return copy
    }

    /// The `field: message` lines of a create.
    static func createErrors(_ object: JSONValue, _ kind: ResourceKind) -> [String] {
        Admission.validateCreate(defaulted(object, kind), kind: kind).errors.map(\.description)
    }
}
