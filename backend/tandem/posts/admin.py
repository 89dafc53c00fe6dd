from django.contrib import admin

from .models import Post


@admin.register(Post)
class PostAdmin(admin.ModelAdmin):
    list_display = ["title", "author", "created", "version"]
    search_fields = ["title", "author__email"]
    list_select_related = ["author"]
    raw_id_fields = ["author"]
    readonly_fields = ["created", "updated", "version"]
