def test_home_page_is_served_in_english(client, content):
    response = client.get("/en/")
    assert response.status_code == 200
