import Model
import Determinism

extension TableLayout {
    /// NAME CAPACITY ACCESS MODES RECLAIM POLICY STATUS CLAIM STORAGECLASS VOLUMEATTRIBUTESCLASS REASON AGE;
    /// wide VOLUMEMODE.
    static let persistentVolumeLayout = TableLayout(
        columns: [.name, .plain("CAPACITY"), .plain("ACCESS MODES"), .plain("RECLAIM POLICY"), .plain("STATUS"),
                  .plain("CLAIM"), .plain("STORAGECLASS"), .plain("VOLUMEATTRIBUTESCLASS"), .plain("REASON"), .age,
                  .wide("VOLUMEMODE")]
    ) { pv, now in
        var claim = ""
        if let reference = pv.at("spec", "claimRef"), reference.objectValue != nil {
            claim = "\(reference.str("namespace"))/\(reference.str("name"))"
        }
        let phase = pv.deletionTimestamp != nil ? "Terminating" : pv.str("status", "phase")
        let storageClass = pv.annotations["volume.beta.kubernetes.io/storage-class"] ?? pv.str("spec", "storageClassName")
        return [pv.name, Cells.quantity(pv.at("spec", "capacity", "storage")), Cells.accessModes(pv.list("spec", "accessModes")),
                pv.str("spec", "persistentVolumeReclaimPolicy"), phase, claim, storageClass,
                pv.optionalStr("spec", "volumeAttributesClassName") ?? "<unset>", pv.str("status", "reason"),
                Cells.age(pv, now), pv.optionalStr("spec", "volumeMode") ?? "<unset>"]
    }

    /// NAME STATUS VOLUME CAPACITY ACCESS MODES STORAGECLASS VOLUMEATTRIBUTESCLASS AGE; wide VOLUMEMODE.
    static let persistentVolumeClaimLayout = TableLayout(
        columns: [.name, .plain("STATUS"), .plain("VOLUME"), .plain("CAPACITY"), .plain("ACCESS MODES"),
                  .plain("STORAGECLASS"), .plain("VOLUMEATTRIBUTESCLASS"), .age, .wide("VOLUMEMODE")]
    ) { pvc, now in
        let phase = pvc.deletionTimestamp != nil ? "Terminating" : pvc.str("status", "phase")
        let volume = pvc.str("spec", "volumeName")
        var capacity = "", modes = ""
        if !volume.isEmpty {
            modes = Cells.accessModes(pvc.list("status", "accessModes"))
            capacity = Cells.quantity(pvc.at("status", "capacity", "storage"))
        }
        let storageClass = pvc.annotations["volume.beta.kubernetes.io/storage-class"] ?? pvc.str("spec", "storageClassName")
        return [pvc.name, phase, volume, capacity, modes, storageClass,
                pvc.optionalStr("spec", "volumeAttributesClassName") ?? "<unset>", Cells.age(pvc, now),
                pvc.optionalStr("spec", "volumeMode") ?? "<unset>"]
    }

    /// NAME PROVISIONER RECLAIMPOLICY VOLUMEBINDINGMODE ALLOWVOLUMEEXPANSION AGE; `(default)` after the
    /// default class's name.
    static let storageClassLayout = TableLayout(
        columns: [.name, .plain("PROVISIONER"), .plain("RECLAIMPOLICY"), .plain("VOLUMEBINDINGMODE"),
                  .plain("ALLOWVOLUMEEXPANSION"), .age]
    ) { sc, now in
        let isDefault = sc.annotations["storageclass.kubernetes.io/is-default-class"] == "true"
            || sc.annotations["storageclass.beta.kubernetes.io/is-default-class"] == "true"
        return [isDefault ? "\(sc.name) (default)" : sc.name, sc.str("provisioner"),
                sc.optionalStr("reclaimPolicy") ?? "Delete", sc.optionalStr("volumeBindingMode") ?? "Immediate",
                sc.flag("allowVolumeExpansion") ? "true" : "false", Cells.age(sc, now)]
    }
}
