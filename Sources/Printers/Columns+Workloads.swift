import Model
import Determinism

extension TableLayout {
    /// NAME READY UP-TO-DATE AVAILABLE AGE; wide CONTAINERS IMAGES SELECTOR.
    static let deploymentLayout = TableLayout(
        columns: [.name, .plain("READY"), .plain("UP-TO-DATE"), .plain("AVAILABLE"), .age,
                  .wide("CONTAINERS"), .wide("IMAGES"), .wide("SELECTOR")]
    ) { object, now in
        let (names, images) = Cells.containers(object.at("spec", "template", "spec"))
        return [object.name, "\(object.num("status", "readyReplicas"))/\(object.num("spec", "replicas"))",
                String(object.num("status", "updatedReplicas")), String(object.num("status", "availableReplicas")),
                Cells.age(object, now), names, images, LabelText.selector(object.at("spec", "selector"))]
    }

    /// NAME DESIRED CURRENT READY AGE; wide CONTAINERS IMAGES SELECTOR.
    static let replicaSetLayout = TableLayout(
        columns: [.name, .plain("DESIRED"), .plain("CURRENT"), .plain("READY"), .age,
                  .wide("CONTAINERS"), .wide("IMAGES"), .wide("SELECTOR")]
    ) { object, now in
        let (names, images) = Cells.containers(object.at("spec", "template", "spec"))
        return [object.name, String(object.num("spec", "replicas")), String(object.num("status", "replicas")),
                String(object.num("status", "readyReplicas")), Cells.age(object, now), names, images,
                LabelText.selector(object.at("spec", "selector"))]
    }

    /// NAME READY AGE; wide CONTAINERS IMAGES.
    static let statefulSetLayout = TableLayout(
        columns: [.name, .plain("READY"), .age, .wide("CONTAINERS"), .wide("IMAGES")]
    ) { object, now in
        let (names, images) = Cells.containers(object.at("spec", "template", "spec"))
        return [object.name, "\(object.num("status", "readyReplicas"))/\(object.num("spec", "replicas"))",
                Cells.age(object, now), names, images]
    }

    /// NAME CONTROLLER REVISION AGE; the controller as `statefulset.apps/web`, or `<none>`.
    static let controllerRevisionLayout = TableLayout(
        columns: [.name, .plain("CONTROLLER"), .plain("REVISION"), .age]
    ) { object, now in
        let controller = object.controllerReference.map(Cells.ownerName) ?? "<none>"
        return [object.name, controller, String(object.num("revision")), Cells.age(object, now)]
    }
}
