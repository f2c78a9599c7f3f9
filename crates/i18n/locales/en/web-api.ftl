### The JSON API (madoguchi-web): texts of its bodies.

# $title (Text) the error's title; $todo (Text) what to do about it
web-api-error-message = { $title }. { $todo }
