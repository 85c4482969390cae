"""The email staff write to a customer: sanitised rich text and its plain-text part."""

from __future__ import annotations

from app.domain.customer_mail import plain_text, sanitised_html


def test_sanitising_removes_scripts_handlers_styles_and_javascript_links():
    html = sanitised_html(
        '<p style="color:red" onclick="steal()">Hello <b>you</b></p>'
        '<script>alert("x")</script><iframe src="https://evil.example"></iframe>'
        '<a href="javascript:steal()">click</a>'
    )
    assert html == '<p>Hello <b>you</b></p><a rel="noopener noreferrer">click</a>'


def test_sanitising_keeps_formatting_lists_and_web_links():
    html = sanitised_html(
        '<h2>Terms</h2><ul><li><em>net</em> 30 days</li></ul><a href="https://shop.example/t">t</a>'
    )
    assert "<h2>Terms</h2>" in html
    assert "<ul><li><em>net</em> 30 days</li></ul>" in html
    assert 'href="https://shop.example/t"' in html


def test_plain_text_keeps_paragraphs_list_items_and_link_addresses():
    text = plain_text(
        "<p>Dear customer,</p><p>Our terms:<br>from today</p><ul><li>net 30</li><li>free "
        'delivery</li></ul><p>See <a href="https://shop.example/terms">the terms</a>.</p>'
    )
    assert text == (
        "Dear customer,\n\nOur terms:\nfrom today\n\n- net 30\n- free delivery\n\n"
        "See the terms (https://shop.example/terms)."
    )


def test_plain_text_of_a_message_left_empty_is_empty():
    assert plain_text(sanitised_html("<script>alert(1)</script>")) == ""
