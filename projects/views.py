from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render

from projects.models import Project


@login_required
def project_list(request):
    projects = Project.objects.select_related("lead_organisation").order_by("-updated_at")[:50]
    return render(request, "projects/project_list.html", {"projects": projects})


@login_required
def project_detail(request, pk: int):
    project = get_object_or_404(Project.objects.select_related("lead_organisation"), pk=pk)
    return render(request, "projects/project_detail.html", {"project": project})


@login_required
def backlog(request):
    return render(request, "projects/backlog.html")
