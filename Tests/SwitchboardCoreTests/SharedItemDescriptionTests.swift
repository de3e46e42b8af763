import Foundation
import SwitchboardCore
import Testing

@Suite struct SharedItemDescriptionTests {
    @Test func aLocationShowsItsCoordinatesAndAMapLink() {
        let place = SharedItemDescription.location(latitude: 50.450_001, longitude: 30.523_333)
        #expect(place.kind == .location)
        #expect(place.details["latitude"] == "50.450001")
        #expect(place.details["longitude"] == "30.523333")
        #expect(place.details[SharedItemDescription.labelKey] == "Location: 50.45000, 30.52333")
        #expect(
            place.details[SharedItemDescription.mapURLKey] == "https://www.openstreetmap.org/?mlat=50.45000&mlon=30.52333#map=16/50.45000/30.52333"
        )
    }

    @Test func aVenueIsNamedBeforeItsCoordinates() {
        let venue = SharedItemDescription.location(latitude: -33.8568, longitude: 151.2153, name: "Opera House")
        #expect(venue.details[SharedItemDescription.labelKey] == "Location: Opera House · -33.85680, 151.21530")
    }

    @Test func aStickerIsItsPictureOrSaysWhereToSeeIt() {
        let drawn = SharedItemDescription.sticker(id: "40100", imageURL: "https://m.test/s.png", messenger: "Viber")
        #expect(drawn.externalFileID == "https://m.test/s.png")
        #expect(drawn.details[SharedItemDescription.labelKey] == "Sticker")
        #expect(drawn.details["sticker_id"] == "40100")
        let bare = SharedItemDescription.sticker(id: "40100", imageURL: nil, messenger: "Viber")
        #expect(bare.externalFileID == nil)
        #expect(bare.details[SharedItemDescription.labelKey] == "Sticker (the picture is only in Viber)")
    }
}
