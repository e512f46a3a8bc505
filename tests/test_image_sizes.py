"""Layer 1: hooks/speed/image_sizes.py on hand-made HTML, no MkDocs."""

from __future__ import annotations

from speed import image_sizes

SVGS = {
    "a.svg": '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 360 676">',
    "b.svg": '<svg viewBox="0,0,400.4,559.6" role="img">',
    "c.svg": '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">',
}


def sized(html: str) -> str:
    return image_sizes.with_sizes(html, SVGS.get)


def test_an_svg_image_gets_the_width_and_height_of_its_viewbox():
    assert sized('<p><img alt="图" class="diagram" src="a.svg"></p>') == (
        '<p><img width="360" height="676" alt="图" class="diagram" src="a.svg"></p>'
    )
    assert sized('<img src="b.svg" />') == '<img width="400" height="560" src="b.svg" />'


def test_images_it_cannot_size_or_that_are_sized_already_are_left_as_they_are():
    for html in [
        '<img src="a.svg" width="100">',
        '<img height="5" src="a.svg">',
        '<img src="photo.png">',
        '<img src="missing.svg">',
        '<img src="c.svg">',
        '<img alt="没有地址">',
        "<p>没有图片</p>",
    ]:
        assert sized(html) == html
