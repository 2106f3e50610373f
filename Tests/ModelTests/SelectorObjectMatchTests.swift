import XCTest
@testable import Model

/// A selector asked about an object's labels in place answers as it does for the object's label map.
final class SelectorObjectMatchTests: XCTestCase {
    func testMatchingLabelsOfAnObjectEqualsMatchingItsLabelMap() throws {
        let objects: [JSONValue] = [
            ["metadata": ["name": "a", "labels": ["app": "web", "tier": "front", "version": "3"]]],
            ["metadata": ["name": "b", "labels": ["app": "db"]]],
            ["metadata": ["name": "c"]],
            ["metadata": ["name": "d", "labels": ["app": 5, "tier": "back"]]],
        ]
        let selectors = ["app=web", "app!=web", "app in (web,db)", "app notin (db)", "tier", "!tier",
                         "app=web,tier=front", "version>2", "version<2", ""]
        for text in selectors {
            let selector = try LabelSelector.parse(text)
            for object in objects {
                XCTAssertEqual(selector.matches(labelsOf: object), selector.matches(object.labels),
                               "\(text) on \(object.name)")
            }
        }
        XCTAssertTrue(try LabelSelector.parse("app=web").matches(labelsOf: objects[0]))
        XCTAssertFalse(try LabelSelector.parse("app=web").matches(labelsOf: objects[2]))
    }
}
